package org.brickworks.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.brickworks.notebooks.api.dto.CellOutput;
import org.brickworks.notebooks.api.dto.CellRun;
import org.brickworks.notebooks.api.dto.CellStatus;
import org.brickworks.notebooks.api.dto.NotebookRun;
import org.junit.jupiter.api.Test;

class NotebookRunTableTest {

    @Test
    void printsOneLinePerCellNumberedAsInItsNotebookWithStatusTimeAndShortOutput() {
        NotebookRun run = new NotebookRun(7, "/Shared/main", 1, 2, "c1", "admin", 1000, 1500, Map.of(), List.of(
                new CellRun(0, "/Shared/main", 0, "md", null, CellStatus.FINISHED, 1000, 1,
                        new CellOutput("html", "<h1>Title</h1>\n<p>text</p>", false)),
                new CellRun(1, "/Shared/main", 1, "run", null, CellStatus.FINISHED, 1001, 50,
                        new CellOutput("text", "Ran /Shared/setup", false)),
                new CellRun(2, "/Shared/setup", 0, "sql", "Load", CellStatus.FINISHED, 1002, 40,
                        new CellOutput("table", "{\"schema\":[{\"name\":\"a\"}],\"data\":[[1],[2]]}", true)),
                new CellRun(3, "/Shared/main", 2, "sql", null, CellStatus.ERROR, 1100, 30,
                        new CellOutput("error", "[TABLE_OR_VIEW_NOT_FOUND] nope\n  at x", false)),
                new CellRun(4, "/Shared/main", 3, "sql", null, CellStatus.SKIPPED, 0, 0, CellOutput.NONE)));

        assertThat(NotebookRunTable.format(run).lines().map(String::stripTrailing).toList()).isEqualTo("""
                CELL                  LANGUAGE  STATUS    TIME   OUTPUT
                1                     md        FINISHED  1 ms   Title text
                2                     run       FINISHED  50 ms  Ran /Shared/setup
                /Shared/setup 1 Load  sql       FINISHED  40 ms  2 rows: [1] (truncated)
                3                     sql       ERROR     30 ms  [TABLE_OR_VIEW_NOT_FOUND] nope
                4                     sql       SKIPPED   -
                Run 7 of /Shared/main (revision 2) on c1: FAILED in 500 ms""".lines().toList());
        assertThat(NotebookRunTable.failure(run)).isEqualTo("Cell 3 (sql) failed: [TABLE_OR_VIEW_NOT_FOUND] nope");
    }

    @Test
    void readsNameValueParameters() {
        assertThat(NotebookRunTable.parameters("day=2024-01-01", "expr=a=b"))
                .containsExactly(Map.entry("day", "2024-01-01"), Map.entry("expr", "a=b"));
        assertThatThrownBy(() -> NotebookRunTable.parameters("nope")).hasMessageContaining("name=value");
    }

    @Test
    void cellRangesAreOneNumberOrARangeFromOne() {
        assertThat(NotebookRunTable.cellRange("3")).containsExactly(3, 3);
        assertThat(NotebookRunTable.cellRange("2-5")).containsExactly(2, 5);
        for (String bad : List.of("0", "x", "5-2", "1-2-3", "-1", "")) {
            assertThatThrownBy(() -> NotebookRunTable.cellRange(bad)).hasMessage(
                    "--cell takes a cell number N or a range N-M (from 1), got " + bad);
        }
    }
}
