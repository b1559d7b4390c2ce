package org.brickworks.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.brickworks.clusters.api.dto.CommandResult;
import org.junit.jupiter.api.Test;

class ClusterCommandsTest {

    @Test
    void printsATableResultWithItsColumnNames() {
        CommandResult result = new CommandResult("c1", "Finished",
                Map.of("resultType", "table", "schema",
                        List.of(Map.of("name", "one", "type", "\"integer\""),
                                Map.of("name", "s", "type", "\"string\"")),
                        "data", List.of(Arrays.asList(1, "a"), Arrays.asList(22, null)), "truncated", false));

        assertThat(ClusterCommands.table(result)).isEqualTo("""
                one  s
                1    a
                22   null""");
    }

    @Test
    void turnsAnErrorIntoItsOneLineSummary() {
        CommandResult result = new CommandResult("c1", "Error", Map.of("resultType", "error", "summary",
                "[TABLE_OR_VIEW_NOT_FOUND] nope\nline 2", "cause", "stack"));

        assertThatThrownBy(() -> ClusterCommands.table(result)).hasMessage("[TABLE_OR_VIEW_NOT_FOUND] nope");
    }

    @Test
    void printsOkForAStatementWithoutOutput() {
        assertThat(ClusterCommands.table(new CommandResult("c1", "Finished",
                Map.of("resultType", "table", "schema", List.of(), "data", List.of())))).isEqualTo("OK");
    }
}
