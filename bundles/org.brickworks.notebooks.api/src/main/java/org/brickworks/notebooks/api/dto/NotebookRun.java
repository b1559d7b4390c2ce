package org.brickworks.notebooks.api.dto;

import java.util.List;
import java.util.Map;

/**
 * A whole-notebook run.
 *
 * @param runId
 *            unique, increasing
 * @param path
 *            the notebook's path when it ran
 * @param objectId
 *            the notebook's object id
 * @param revisionId
 *            the notebook revision that ran; outputs belong to it
 * @param clusterId
 *            where it ran
 * @param user
 *            who ran it
 * @param startTime
 *            epoch milliseconds
 * @param endTime
 *            epoch milliseconds
 * @param parameters
 *            the widget values it ran with
 * @param cells
 *            every cell in run order, including those {@code %run} brought in and those skipped
 */
public record NotebookRun(long runId, String path, long objectId, long revisionId, String clusterId, String user,
        long startTime, long endTime, Map<String, String> parameters, List<CellRun> cells) {

    public NotebookRun {
        parameters = Map.copyOf(parameters);
        cells = List.copyOf(cells);
    }

    /** Whether every cell finished. */
    public boolean succeeded() {
        return cells.stream().allMatch(cell -> cell.status() == CellStatus.FINISHED);
    }
}
