package org.brickworks.agent.languages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class WidgetReferencesTest {
    private static final Map<String, String> WIDGETS = Map.of("day", "2024-01-01", "n", "41", "odd", "$1\\");

    private static String substitute(String sql) {
        return WidgetReferences.substitute(sql, name -> Optional.ofNullable(WIDGETS.get(name)),
                Set.of("sparkvar")::contains);
    }

    @Test
    void replacesWidgetReferencesAndLeavesSparkVariablesAndQualifiedNames() {
        assertThat(substitute("SELECT '${day}' AS d, ${n} + 1, '${odd}', '${sparkvar}', '${env:HOME}', a::int"))
                .isEqualTo("SELECT '2024-01-01' AS d, 41 + 1, '$1\\', '${sparkvar}', '${env:HOME}', a::int");
        assertThat(substitute("SELECT 1")).isEqualTo("SELECT 1");
    }

    @Test
    void anUnknownNameIsAnErrorNamingIt() {
        assertThatThrownBy(() -> substitute("SELECT * FROM t WHERE d = '${dya}'"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("${dya}")
                .hasMessageContaining("no widget or parameter named dya");
    }
}
