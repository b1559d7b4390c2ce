package org.brickworks.clusters.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.junit.jupiter.api.Test;

class SecretReferencesTest {
    private static final SecretReferences.Reader SECRETS = (user, scope, key) -> {
        if (!user.equals("ada")) {
            throw new BrickworksException(ErrorCode.PERMISSION_DENIED, "User " + user + " may not read " + scope);
        }
        if (!key.equals("k")) {
            throw BrickworksException.notFound("Secret " + key + " does not exist");
        }
        return ("v-" + scope).getBytes(StandardCharsets.UTF_8);
    };

    private static ClusterSpec spec(Map<String, String> conf, Map<String, String> env) {
        return new ClusterSpec("c", "15.4.x-scala2.12", null, 0, conf, env, 0, Map.of(), null, null);
    }

    @Test
    void referencesInConfAndEnvironmentValuesAreReplacedByTheValues() throws Exception {
        ClusterSpec spec = spec(Map.of("spark.acme.key", "{{secrets/s/k}}", "spark.plain", "8"),
                Map.of("ACME_URL", "https://u:{{secrets/t/k}}@host/{{secrets/s/k}}"));

        ClusterSpec resolved = SecretReferences.resolve(spec, "ada", SECRETS);

        assertThat(resolved.sparkConf()).containsEntry("spark.acme.key", "v-s").containsEntry("spark.plain", "8");
        assertThat(resolved.sparkEnvVars()).containsEntry("ACME_URL", "https://u:v-t@host/v-s");
        assertThat(spec.sparkConf()).containsEntry("spark.acme.key", "{{secrets/s/k}}");
        ClusterSpec none = spec(Map.of("spark.x", "{{secrets/only-one-part}}"), Map.of());
        assertThat(SecretReferences.resolve(none, "bob", SECRETS)).isSameAs(none);
    }

    @Test
    void anUnreadableReferenceFailsNamingItsSettingAndWhy() {
        assertThatThrownBy(() -> SecretReferences.resolve(spec(Map.of("spark.acme.key", "{{secrets/s/k}}"), Map.of()),
                "bob", SECRETS)).isInstanceOfSatisfying(DriverLaunching.StartFailure.class, e -> {
                    assertThat(e.code()).isEqualTo("SECRET_RESOLUTION_ERROR");
                    assertThat(e.getMessage()).isEqualTo("Cannot resolve {{secrets/s/k}} in spark_conf spark.acme.key"
                            + " with the rights of bob: PERMISSION_DENIED: User bob may not read s");
                });
        assertThatThrownBy(() -> SecretReferences.resolve(spec(Map.of(), Map.of("K", "{{secrets/s/gone}}")), "ada",
                SECRETS)).hasMessageContaining("spark_env_vars K").hasMessageContaining("RESOURCE_DOES_NOT_EXIST");
    }
}
