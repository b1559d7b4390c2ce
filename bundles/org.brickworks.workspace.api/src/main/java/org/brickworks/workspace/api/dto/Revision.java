package org.brickworks.workspace.api.dto;

/**
 * One saved version of a notebook.
 *
 * @param revisionId
 *            unique in the workspace, increasing with time
 * @param objectId
 *            the notebook's object id
 * @param createdAt
 *            epoch milliseconds of the save
 * @param author
 *            the user name of who saved it
 * @param reason
 *            {@code IMPORT}, {@code OVERWRITE} or {@code RESTORE}
 * @param restoredFrom
 *            the revision a {@code RESTORE} copied, else 0
 * @param cellCount
 *            the number of cells of this revision
 */
public record Revision(long revisionId, long objectId, long createdAt, String author, String reason,
        long restoredFrom, int cellCount) {
}
