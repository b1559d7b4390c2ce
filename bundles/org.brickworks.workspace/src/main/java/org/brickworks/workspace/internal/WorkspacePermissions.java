package org.brickworks.workspace.internal;

import java.util.ArrayList;
import java.util.List;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.permissions.api.ObjectRef;
import org.brickworks.permissions.api.Securable;
import org.brickworks.permissions.api.BasicSecurableType;
import org.brickworks.store.api.Store;
import org.brickworks.workspace.api.dto.ObjectType;
import org.brickworks.workspace.api.dto.WorkspaceObject;

/**
 * Workspace objects carry permissions, {@code CAN_READ} < {@code CAN_RUN} < {@code CAN_EDIT} < {@code CAN_MANAGE},
 * inherited down the folder tree: an object's parents are the folders above it, and a folder's owner (the user who
 * made it, such as a user's home folder {@code /Users/<name>}) manages everything below it. One type per kind of object,
 * as the Permissions API names them ({@link Notebooks}, {@link Directories}, {@link Files}).
 */
public abstract class WorkspacePermissions extends BasicSecurableType {
    private static final List<Level> LEVELS = List.of(new Level("CAN_READ", "Can view and export"),
            new Level("CAN_RUN", "Can read, and run on a cluster it may attach to"),
            new Level("CAN_EDIT", "Can read, run and change"),
            new Level("CAN_MANAGE", "Can do everything, delete and set permissions"));
    /** The owner the workspace root was created with: no user. */
    private static final String SYSTEM = "system";

    private final Store store;
    private final ObjectType kind;

    WorkspacePermissions(Store store, String objectType, ObjectType kind) {
        super(kind.permissionsType(), objectType, LEVELS, "CAN_MANAGE");
        this.store = store;
        this.kind = kind;
        store.migrate(WorkspaceSchema.AREA, WorkspaceSchema.MIGRATIONS);
    }

    /** The reference of a workspace object for the permissions service. */
    static ObjectRef refOf(WorkspaceObject object) {
        return new ObjectRef(object.type().permissionsType(), Long.toString(object.objectId()));
    }

    /** The owner of a workspace object as the permissions service sees it: null for the platform's own objects. */
    static String ownerOf(WorkspaceObject object) {
        return SYSTEM.equals(object.owner()) ? null : object.owner();
    }

    @Override
    public Securable resolve(String id) {
        long objectId;
        try {
            objectId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw notFound(id);
        }
        return store.transaction(c -> {
            WorkspaceObject object = WorkspaceRecords.find(c, objectId).filter(o -> o.type() == kind)
                    .orElseThrow(() -> notFound(id));
            List<ObjectRef> parents = new ArrayList<>();
            List<String> owners = new ArrayList<>();
            for (WorkspaceObject parent : WorkspaceRecords.ancestors(c, object.path())) {
                parents.add(refOf(parent));
                owners.add(ownerOf(parent));
            }
            return new Securable(ownerOf(object), parents, owners);
        });
    }

    private BrickworksException notFound(String id) {
        return BrickworksException.notFound("No " + objectType() + " has id " + id);
    }
}
