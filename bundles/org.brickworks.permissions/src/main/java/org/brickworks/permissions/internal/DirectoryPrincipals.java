package org.brickworks.permissions.internal;

import java.util.Set;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.core.api.TrackedServices;
import org.brickworks.security.api.GroupService;
import org.brickworks.security.api.UserService;
import org.brickworks.security.api.dto.PrincipalKind;

/** {@link Principals} from the security service, tracked (not referenced) so that its updates restart nothing here. */
final class DirectoryPrincipals implements Principals {
    private final TrackedServices services;

    DirectoryPrincipals(TrackedServices services) {
        this.services = services;
    }

    private UserService users() {
        return services.await(UserService.class, "the users service");
    }

    @Override
    public boolean isAdmin(String user) {
        return users().isAdmin(user);
    }

    @Override
    public Set<String> groupsOf(String user) {
        return users().groupsOf(user);
    }

    @Override
    public boolean exists(org.brickworks.permissions.internal.PrincipalKind kind, String name) {
        return switch (kind) {
        case USER -> isUser(name);
        case SERVICE_PRINCIPAL -> users().principals(PrincipalKind.SERVICE_PRINCIPAL).stream()
                .anyMatch(p -> p.userName().equals(name));
        case GROUP -> services.await(GroupService.class, "the groups service").list().stream()
                .anyMatch(g -> g.displayName().equals(name));
        };
    }

    private boolean isUser(String name) {
        try {
            users().get(name);
            return true;
        } catch (BrickworksException e) {
            if (e.errorCode() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
                return false;
            }
            throw e;
        }
    }
}
