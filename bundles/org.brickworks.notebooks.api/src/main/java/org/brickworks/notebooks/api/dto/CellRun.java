package org.brickworks.notebooks.api.dto;

/**
 * One cell of a notebook run.
 *
 * @param position
 *            0-based position in the run, counting the cells {@code %run} brought in
 * @param notebookPath
 *            the notebook the cell belongs to: the run's, or one a {@code %run} brought in
 * @param cellIndex
 *            0-based index of the cell in that notebook
 * @param language
 *            {@code sql}, {@code scala}, {@code python}, {@code r}, {@code md}, {@code run}, ... (the magic command
 *            or the notebook's language)
 * @param title
 *            the cell title, or null
 * @param status
 *            how it ended
 * @param startTime
 *            epoch milliseconds; 0 when skipped
 * @param durationMillis
 *            wall time; 0 when skipped
 * @param output
 *            what it produced
 */
public record CellRun(int position, String notebookPath, int cellIndex, String language, String title,
        CellStatus status, long startTime, long durationMillis, CellOutput output) {
}
