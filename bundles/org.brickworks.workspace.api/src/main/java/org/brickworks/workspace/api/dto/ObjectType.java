package org.brickworks.workspace.api.dto;

/** What a workspace object is, as the Workspace API's {@code object_type} names it. */
public enum ObjectType {
    NOTEBOOK, DIRECTORY, FILE
}
