package org.brickworks.workspace.api.dto;

/** A notebook as one revision holds it: the object, the revision's id and its content. */
public record NotebookRevision(WorkspaceObject object, long revisionId, Notebook notebook) {
}
