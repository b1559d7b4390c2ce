package org.brickworks.notebooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.brickworks.notebooks.api.dto.CellOutput;
import org.brickworks.notebooks.api.dto.CellRun;
import org.brickworks.notebooks.api.dto.CellStatus;
import org.brickworks.notebooks.api.dto.ChildRun;
import org.brickworks.notebooks.api.dto.NotebookRun;
import org.junit.jupiter.api.Test;

class ChildRunsTest {

    @Test
    void aRunWhoseCellsFinishedSucceedsWithItsExitValue() {
        ChildRun child = ChildRuns.result(run(cell(0, CellStatus.FINISHED, "ok")), "42");

        assertThat(child.resultState()).isEqualTo("SUCCESS");
        assertThat(child.exitValue()).isEqualTo("42");
        assertThat(child.error()).isNull();
    }

    @Test
    void aFailedCellFailsTheRunWithItsBoundedOutput() {
        String traceback = "ValueError: bad\n" + "x".repeat(ChildRuns.MAX_ERROR_CHARS);
        ChildRun child = ChildRuns.result(run(cell(0, CellStatus.FINISHED, "ok"), cell(1, CellStatus.ERROR, traceback),
                cell(2, CellStatus.SKIPPED, "")), null);

        assertThat(child.resultState()).isEqualTo("FAILED");
        assertThat(child.exitValue()).isNull();
        assertThat(child.error()).startsWith("cell 1 of /Shared/child ERROR: ValueError: bad").endsWith("...")
                .hasSizeLessThan(ChildRuns.MAX_ERROR_CHARS + 100);
    }

    private static CellRun cell(int index, CellStatus status, String output) {
        return new CellRun(index, "/Shared/child", index, "python", null, status, 0, 0,
                new CellOutput("text", output, false));
    }

    private static NotebookRun run(CellRun... cells) {
        return new NotebookRun(1, "/Shared/child", 1, 1, "c", "u", 0, 0, Map.of(), List.of(cells));
    }
}
