package org.brickworks.notebooks.api.dto;

/** How a cell of a notebook run ended. */
public enum CellStatus {
    /** Ran to its end; its output may still be an error-free table, text or HTML. */
    FINISHED,
    /** Failed: a compile or runtime error, an unknown magic command, a missing {@code %run} target, a timeout. */
    ERROR,
    /** Cancelled while running: the run was interrupted. */
    CANCELLED,
    /** Not run, because an earlier cell failed. */
    SKIPPED
}
