package org.brickworks.workspace.api;

import java.util.List;

import org.brickworks.workspace.api.dto.ExportFormat;
import org.brickworks.workspace.api.dto.ExportedObject;
import org.brickworks.workspace.api.dto.ImportRequest;
import org.brickworks.workspace.api.dto.NotebookRevision;
import org.brickworks.workspace.api.dto.Revision;
import org.brickworks.workspace.api.dto.WorkspaceObject;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The workspace tree of folders, notebooks and files, kept in the store; Databricks' Workspace API 2.0 semantics.
 * <p>
 * Paths are absolute ({@code /Users/a@b.c/etl}); {@code /} is the root directory, which always exists. A path is
 * normalized before use (repeated and trailing slashes dropped); {@code .} and {@code ..} segments, control characters
 * and relative paths are refused. Every notebook save (import, overwrite, restore) is a new revision; object ids stay
 * the same through overwrites and restores. Thread-safe; every call is one or a few store transactions, so concurrent
 * saves of one notebook are serialized and none is lost.
 *
 * @throws org.brickworks.core.api.BrickworksException
 *             from every method: {@code RESOURCE_DOES_NOT_EXIST} for a missing path or revision (or a missing parent
 *             directory on import), {@code RESOURCE_ALREADY_EXISTS} for an import over an existing object without
 *             overwrite (or over a directory, or a notebook over a file and the reverse), or a mkdirs through a
 *             notebook or file, {@code DIRECTORY_NOT_EMPTY} for a non-recursive delete of a non-empty directory,
 *             {@code INVALID_PARAMETER_VALUE} for a bad path, format, language or content (the message names which)
 */
@ProviderType
public interface WorkspaceService {

    /**
     * The children of a directory, directories first then by name; for a notebook or file, that object alone (as
     * Databricks answers).
     */
    List<WorkspaceObject> list(String path);

    /** The object at {@code path}. */
    WorkspaceObject getStatus(String path);

    /** Creates the directory and any missing parents, owned by {@code user}; an existing directory is fine. */
    WorkspaceObject mkdirs(String path, String user);

    /**
     * Imports a notebook (SOURCE, JUPYTER, or AUTO content recognized as a notebook) or a file (AUTO content that is
     * not a notebook), owned by {@code user}. The parent directory must exist, as in Databricks. An overwritten
     * notebook keeps its object id and gains a revision; an overwritten file keeps its id and takes the new bytes.
     *
     * @return the imported object
     */
    WorkspaceObject importObject(ImportRequest request, String user);

    /**
     * A notebook in {@code format} (SOURCE or JUPYTER; AUTO means SOURCE), or a file's bytes as they were imported
     * (any format). A notebook imported in SOURCE exports back to the same bytes.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} for a directory (only DBC archives export those)
     */
    ExportedObject export(String path, ExportFormat format);

    /** Deletes the object; a non-empty directory only when {@code recursive}, with everything below it. */
    void delete(String path, boolean recursive);

    /** The notebook's current revision: its cells as the run service executes them. */
    NotebookRevision notebook(String path);

    /** The notebook's revisions, newest first. */
    List<Revision> revisions(String path);

    /** One revision of the notebook, by id. */
    NotebookRevision notebook(String path, long revisionId);

    /**
     * Makes a copy of revision {@code revisionId} the notebook's newest revision (reason {@code RESTORE}), saved by
     * {@code user}; earlier revisions stay.
     *
     * @return the new revision
     */
    Revision restoreRevision(String path, long revisionId, String user);
}
