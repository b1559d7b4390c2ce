package org.brickworks.workspace.internal;

import org.brickworks.permissions.api.SecurableType;
import org.brickworks.store.api.Store;
import org.brickworks.workspace.api.dto.ObjectType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The permissions of files: {@code /permissions/files/<object id>}. */
@Component(service = SecurableType.class, property = SecurableType.PROPERTY + "=files")
public class Files extends WorkspacePermissions {
    @Activate
    public Files(@Reference(target = Store.SHARED) Store store) {
        super(store, "files", "file", ObjectType.FILE);
    }
}
