package org.brickworks.runtimes.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.runtimes.api.RuntimeUsage;
import org.brickworks.runtimes.api.dto.SparkRuntime;
import org.junit.jupiter.api.Test;

class RuntimeUsersTest {
    private static final SparkRuntime SPARK40 = runtime("17.3.x-scala2.13", "17.2.x-scala2.13");
    private static final SparkRuntime SPARK35 = runtime("15.4.x-scala2.12");

    /** Clusters naming runtimes by key or alias, as the clusters service would report them. */
    private static final RuntimeUsage CLUSTERS = runtime -> List.of("17.2.x-scala2.13", "15.4.x-scala2.12").stream()
            .filter(version -> runtime.key().equals(version) || runtime.aliases().contains(version))
            .map(version -> "cluster 1201-000000-" + version.charAt(1) + " (dev, RUNNING)").toList();

    @Test
    void unusedRuntimesMayGo() {
        assertThatCode(() -> RuntimeUsers.refuseWhileUsed("plugin", List.of(SPARK40), List.of(runtime -> List.of())))
                .doesNotThrowAnyException();
        assertThatCode(() -> RuntimeUsers.refuseWhileUsed("plugin", List.of(SPARK40), List.of()))
                .doesNotThrowAnyException();
    }

    @Test
    void aRuntimeInUseIsAnInvalidStateNamingEveryUser() {
        assertThatThrownBy(() -> RuntimeUsers.refuseWhileUsed("org.example.runtimes", List.of(SPARK40, SPARK35),
                List.of(CLUSTERS))).isInstanceOf(BrickworksException.class)
                .hasMessage("Cannot remove org.example.runtimes while it is in use: cluster 1201-000000-7 (dev, "
                        + "RUNNING) uses 17.3.x-scala2.13; cluster 1201-000000-5 (dev, RUNNING) uses 15.4.x-scala2.12")
                .extracting(e -> ((BrickworksException) e).errorCode()).isEqualTo(ErrorCode.INVALID_STATE);
    }

    @Test
    void aUsageThatCannotTellBlocksTheRemoval() {
        RuntimeUsage broken = runtime -> {
            throw new IllegalStateException("store unavailable");
        };
        assertThatThrownBy(() -> RuntimeUsers.refuseWhileUsed("p", List.of(SPARK35), List.of(broken)))
                .hasMessage("Cannot remove p: cannot tell whether 15.4.x-scala2.12 is in use (store unavailable)")
                .extracting(e -> ((BrickworksException) e).errorCode()).isEqualTo(ErrorCode.INVALID_STATE);
    }

    private static SparkRuntime runtime(String key, String... aliases) {
        return new SparkRuntime(key, key, "4.0.1", "2.13", "4.0.1", List.of(aliases), List.of("a:b:1"), List.of());
    }
}
