package org.brickworks.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.brickworks.runtimes.api.dto.RuntimePlugin;
import org.junit.jupiter.api.Test;

class RuntimeCommandsTest {

    @Test
    void describesAPluginByNameVersionAndRuntimeKeysOnOneLine() {
        assertThat(RuntimeCommands.describe("Installed", new RuntimePlugin("org.brickworks.runtime.spark40",
                "0.1.0.202612010119", List.of("17.3.x-scala2.13", "18.0.x-scala2.13"))))
                .isEqualTo("Installed org.brickworks.runtime.spark40 0.1.0.202612010119: 17.3.x-scala2.13, "
                        + "18.0.x-scala2.13");
    }
}
