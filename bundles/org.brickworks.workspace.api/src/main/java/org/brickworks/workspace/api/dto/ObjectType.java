package org.brickworks.workspace.api.dto;

/** What a workspace object is, as the Workspace API's {@code object_type} names it. */
public enum ObjectType {
    NOTEBOOK("notebooks"), DIRECTORY("directories"), FILE("files");

    private final String permissionsType;

    ObjectType(String permissionsType) {
        this.permissionsType = permissionsType;
    }

    /**
     * The Permissions API's type of such objects ({@code /permissions/notebooks/<object id>}): {@code notebooks},
     * {@code directories} or {@code files}.
     *
     * @since 1.1
     */
    public String permissionsType() {
        return permissionsType;
    }
}
