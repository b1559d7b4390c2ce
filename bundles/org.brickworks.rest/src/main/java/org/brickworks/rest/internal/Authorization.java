package org.brickworks.rest.internal;

import java.util.List;
import java.util.function.Function;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.permissions.api.ObjectRef;
import org.brickworks.permissions.api.PermissionService;
import org.brickworks.security.api.UserService;
import org.osgi.framework.BundleContext;

/**
 * The checks a resource of this bundle makes before it calls its area's service: permission levels on objects (the
 * permissions service) and entitlements (the users service), both tracked, so that their updates restart no
 * resource. Opened with the resource, closed in its deactivate. Thread-safe.
 */
final class Authorization {
    private final ServiceWait<PermissionService> permissions;
    private final ServiceWait<UserService> users;

    Authorization(BundleContext context, RestConfig config) {
        permissions = new ServiceWait<>(context, PermissionService.class, "permissions", config);
        users = new ServiceWait<>(context, UserService.class, "users", config);
    }

    PermissionService permissions() {
        return permissions.get(null);
    }

    void require(String user, String type, String id, String level) {
        permissions().require(user, new ObjectRef(type, id), level);
    }

    /**
     * The {@code objects} of {@code type} on which {@code user} holds a level (all of them for an administrator, asked
     * once), in their order; one that no longer exists is left out. For short lists whose owners this bundle does not
     * know (pools, clusters' libraries): each object is resolved by its area.
     */
    <T> List<T> holdingAny(String user, String type, List<T> objects, Function<T, String> id) {
        PermissionService service = permissions();
        if (service.isAdmin(user)) {
            return objects;
        }
        return objects.stream().filter(object -> holdsAny(service, user, new ObjectRef(type, id.apply(object))))
                .toList();
    }

    private static boolean holdsAny(PermissionService service, String user, ObjectRef object) {
        try {
            return service.levelOf(user, object) != null;
        } catch (BrickworksException e) {
            if (e.errorCode() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
                return false;
            }
            throw e;
        }
    }

    /** Passes when {@code user} has {@code entitlement} (administrators have all). */
    void entitled(String user, String entitlement) {
        if (!users.get(null).entitlementsOf(user).contains(entitlement)) {
            throw new BrickworksException(ErrorCode.PERMISSION_DENIED,
                    user + " does not have the " + entitlement + " entitlement");
        }
    }

    void close() {
        permissions.close();
        users.close();
    }
}
