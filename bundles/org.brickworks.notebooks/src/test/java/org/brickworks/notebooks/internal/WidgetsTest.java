package org.brickworks.notebooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class WidgetsTest {

    @Test
    void replacesReferencesToGivenParametersOnly() {
        assertThat(Widgets.substitute("SELECT '${day}' AS d, ${n} + 1, '${missing}', a::int",
                Map.of("day", "2024-01-01", "n", "41"))).isEqualTo("SELECT '2024-01-01' AS d, 41 + 1, '${missing}', a::int");
        assertThat(Widgets.substitute("SELECT '${x}'", Map.of("x", "$1\\"))).isEqualTo("SELECT '$1\\'");
        assertThat(Widgets.substitute("SELECT 1", Map.of())).isEqualTo("SELECT 1");
    }
}
