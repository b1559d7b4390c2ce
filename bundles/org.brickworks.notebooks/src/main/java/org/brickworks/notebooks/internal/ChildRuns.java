package org.brickworks.notebooks.internal;

import org.brickworks.notebooks.api.dto.CellRun;
import org.brickworks.notebooks.api.dto.CellStatus;
import org.brickworks.notebooks.api.dto.ChildRun;
import org.brickworks.notebooks.api.dto.NotebookRun;

/** A finished child run as {@code dbutils.notebook.run} reports it. Stateless. */
final class ChildRuns {
    /** The most characters of the failed cell's output an error carries. */
    static final int MAX_ERROR_CHARS = 4096;

    private ChildRuns() {
    }

    static ChildRun result(NotebookRun run, String exitValue) {
        for (CellRun cell : run.cells()) {
            if (cell.status() != CellStatus.FINISHED) {
                String output = cell.output().data();
                String error = "cell " + cell.cellIndex() + " of " + cell.notebookPath() + " " + cell.status() + ": "
                        + (output.length() > MAX_ERROR_CHARS ? output.substring(0, MAX_ERROR_CHARS) + "..." : output);
                return new ChildRun("FAILED", null, error, run);
            }
        }
        return new ChildRun("SUCCESS", exitValue, null, run);
    }
}
