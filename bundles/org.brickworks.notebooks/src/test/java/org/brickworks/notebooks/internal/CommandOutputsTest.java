package org.brickworks.notebooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.brickworks.execution.api.dto.CommandState;
import org.brickworks.execution.api.dto.CommandStatus;
import org.brickworks.execution.api.dto.ErrorResult;
import org.brickworks.execution.api.dto.TableResult;
import org.brickworks.execution.api.dto.TextResult;
import org.brickworks.notebooks.api.NotebookRunner;
import org.brickworks.notebooks.api.dto.CellOutput;
import org.brickworks.notebooks.api.dto.CellStatus;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class CommandOutputsTest {

    @Test
    void aFinishedTableIsATableOutput() throws Exception {
        CommandStatus result = new CommandStatus("c", CommandState.FINISHED, new TableResult(
                List.of(new TableResult.Column("one", "\"integer\"", "{}")), List.of(List.of(1)), false));

        CellOutput output = CommandOutputs.output(result);

        assertThat(CommandOutputs.status(result)).isEqualTo(CellStatus.FINISHED);
        assertThat(output.type()).isEqualTo("table");
        assertThat(new ObjectMapper().readTree(output.data()).toString())
                .isEqualTo("{\"schema\":[{\"name\":\"one\",\"type\":\"\\\"integer\\\"\",\"metadata\":\"{}\"}],"
                        + "\"data\":[[1]]}");
        assertThat(output.truncated()).isFalse();
    }

    @Test
    void anErrorResultIsAnErrorWithSummaryAndCause() {
        CommandStatus result = new CommandStatus("c", CommandState.FINISHED,
                new ErrorResult("[TABLE_OR_VIEW_NOT_FOUND] nope", "at x"));

        assertThat(CommandOutputs.status(result)).isEqualTo(CellStatus.ERROR);
        assertThat(CommandOutputs.output(result))
                .isEqualTo(new CellOutput("error", "[TABLE_OR_VIEW_NOT_FOUND] nope\nat x", false));
        assertThat(CommandOutputs.status(new CommandStatus("c", CommandState.ERROR, null)))
                .isEqualTo(CellStatus.ERROR);
        assertThat(CommandOutputs.status(new CommandStatus("c", CommandState.CANCELLED, null)))
                .isEqualTo(CellStatus.CANCELLED);
    }

    @Test
    void textIsCutAtTheBound() {
        String big = "x".repeat(NotebookRunner.MAX_OUTPUT_CHARS + 10);

        CellOutput output = CommandOutputs.output(new CommandStatus("c", CommandState.FINISHED, TextResult.of(big)));

        assertThat(output.data()).hasSize(NotebookRunner.MAX_OUTPUT_CHARS);
        assertThat(output.truncated()).isTrue();
    }

    @Test
    void aLargeTableKeepsWholeRowsAsValidJson() throws Exception {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            rows.add(List.of(i, "row number " + i + " with some padding text"));
        }

        CellOutput output = CommandOutputs.table(List.of(Map.of("name", "i"), Map.of("name", "s")), rows, false);

        assertThat(output.data().length()).isLessThanOrEqualTo(NotebookRunner.MAX_OUTPUT_CHARS);
        assertThat(output.truncated()).isTrue();
        int kept = new ObjectMapper().readTree(output.data()).path("data").size();
        assertThat(kept).isBetween(1, 4999);
    }
}
