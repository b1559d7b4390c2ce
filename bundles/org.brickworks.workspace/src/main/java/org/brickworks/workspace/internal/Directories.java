package org.brickworks.workspace.internal;

import org.brickworks.permissions.api.SecurableType;
import org.brickworks.store.api.Store;
import org.brickworks.workspace.api.dto.ObjectType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The permissions of directorys: {@code /permissions/directories/<object id>}. */
@Component(service = SecurableType.class, property = SecurableType.PROPERTY + "=directories")
public class Directories extends WorkspacePermissions {
    @Activate
    public Directories(@Reference(target = Store.SHARED) Store store) {
        super(store, "directories", "directory", ObjectType.DIRECTORY);
    }
}
