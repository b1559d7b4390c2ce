package org.brickworks.workspace.internal;

import org.brickworks.security.api.UserService;
import org.brickworks.security.api.dto.User;
import org.brickworks.workspace.api.WorkspaceService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every user has a home folder {@code /Users/<user name>} they own, and {@code /Shared} exists, as in a Databricks
 * workspace: ensured whenever a user service binds (the platform's start, an update of the security bundle). Existing
 * folders are kept as they are.
 */
@Component(immediate = true, service = HomeFolders.class)
public class HomeFolders {
    static final String USERS = "/Users/";
    static final String SHARED = "/Shared";
    private static final Logger LOG = LoggerFactory.getLogger(HomeFolders.class);

    private final WorkspaceService workspace;

    @Activate
    public HomeFolders(@Reference WorkspaceService workspace) {
        this.workspace = workspace;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindUsers(UserService users) {
        try {
            workspace.mkdirs(SHARED, UserService.ADMIN);
            workspace.mkdirs(USERS, UserService.ADMIN); // else the first user's home would make it theirs
            for (User user : users.list()) {
                workspace.mkdirs(USERS + user.userName(), user.userName());
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot create the users' home folders", e);
        }
    }

    void unbindUsers(UserService users) {
        // Home folders stay.
    }
}
