package org.brickworks.notebooks.api.dto;

/**
 * How a child run ({@code dbutils.notebook.run}) ended.
 *
 * @param resultState
 *            {@code SUCCESS} (every cell it ran finished, up to its {@code dbutils.notebook.exit}), {@code FAILED} (a
 *            cell failed) or {@code TIMEDOUT} (it was cancelled at its timeout)
 * @param exitValue
 *            the value it passed to {@code dbutils.notebook.exit}; null when it did not exit
 * @param error
 *            for {@code FAILED} and {@code TIMEDOUT}: the failed cell's output or the timeout; else null
 * @param run
 *            the stored run; null for {@code TIMEDOUT}, whose run is stored once its cancelled cell ended
 */
public record ChildRun(String resultState, String exitValue, String error, NotebookRun run) {
}
