package org.brickworks.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.brickworks.execution.api.dto.CommandState;
import org.brickworks.execution.api.dto.CommandStatus;
import org.brickworks.execution.api.dto.ErrorResult;
import org.brickworks.execution.api.dto.TableResult;
import org.junit.jupiter.api.Test;

class ClusterCommandsTest {

    @Test
    void printsATableResultWithItsColumnNames() {
        CommandStatus result = new CommandStatus("c1", CommandState.FINISHED, new TableResult(
                List.of(new TableResult.Column("one", "\"integer\"", "{}"),
                        new TableResult.Column("s", "\"string\"", "{}")),
                List.of(Arrays.asList(1, "a"), Arrays.asList(22, null)), false));

        assertThat(ClusterCommands.table(result)).isEqualTo("""
                one  s
                1    a
                22   null""");
    }

    @Test
    void turnsAnErrorIntoItsOneLineSummary() {
        CommandStatus result = new CommandStatus("c1", CommandState.ERROR,
                new ErrorResult("[TABLE_OR_VIEW_NOT_FOUND] nope\nline 2", "stack"));

        assertThatThrownBy(() -> ClusterCommands.table(result)).hasMessage("[TABLE_OR_VIEW_NOT_FOUND] nope");
    }

    @Test
    void printsOkForAStatementWithoutOutput() {
        assertThat(ClusterCommands.table(new CommandStatus("c1", CommandState.FINISHED,
                new TableResult(List.of(), List.of(), false)))).isEqualTo("OK");
    }
}
