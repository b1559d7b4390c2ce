package org.brickworks.workspace.api.dto;

/**
 * One object of the workspace tree.
 *
 * @param objectId
 *            stable id, never reused, unchanged by overwrites and restores
 * @param path
 *            absolute, normalized: {@code /Users/a@b.c/etl}, {@code /} for the root
 * @param type
 *            notebook, directory or file
 * @param language
 *            a notebook's language; null for directories and files
 * @param owner
 *            the user name of whoever created it
 * @param createdAt
 *            epoch milliseconds
 * @param modifiedAt
 *            epoch milliseconds of the last import, overwrite or restore
 * @param size
 *            bytes of a file's content; 0 for notebooks and directories
 */
public record WorkspaceObject(long objectId, String path, ObjectType type, NotebookLanguage language, String owner,
        long createdAt, long modifiedAt, long size) {

    /** The last path segment: the object's name ({@code /} for the root). */
    public String name() {
        return "/".equals(path) ? "/" : path.substring(path.lastIndexOf('/') + 1);
    }
}
