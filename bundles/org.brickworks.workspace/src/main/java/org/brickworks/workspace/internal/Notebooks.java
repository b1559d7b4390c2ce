package org.brickworks.workspace.internal;

import org.brickworks.permissions.api.SecurableType;
import org.brickworks.store.api.Store;
import org.brickworks.workspace.api.dto.ObjectType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The permissions of notebooks: {@code /permissions/notebooks/<object id>}. */
@Component(service = SecurableType.class, property = SecurableType.PROPERTY + "=notebooks")
public class Notebooks extends WorkspacePermissions {
    @Activate
    public Notebooks(@Reference(target = Store.SHARED) Store store) {
        super(store, "notebooks", "notebook", ObjectType.NOTEBOOK);
    }
}
