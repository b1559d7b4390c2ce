package org.brickworks.permissions.api.dto;

import java.util.List;

/**
 * An object's access control list as the Permissions API answers it.
 *
 * @param objectId
 *            {@code /clusters/0123-...}
 * @param objectType
 *            {@code cluster}, {@code job}, ...
 * @param accessControlList
 *            one entry per principal
 */
public record ObjectPermissions(String objectId, String objectType, List<AccessControl> accessControlList) {
    public ObjectPermissions {
        accessControlList = List.copyOf(accessControlList);
    }

    /**
     * A principal's permissions: exactly one of the three names is set.
     *
     * @param displayName
     *            the user's or service principal's display name, null for groups
     */
    public record AccessControl(String userName, String groupName, String servicePrincipalName, String displayName,
            List<Permission> allPermissions) {
        public AccessControl {
            allPermissions = List.copyOf(allPermissions);
        }
    }

    /**
     * One level a principal holds, directly or {@code inherited} from the objects named by
     * {@code inheritedFromObject} ({@code /directories/12}, or the type's root such as {@code /clusters/}).
     */
    public record Permission(String permissionLevel, boolean inherited, List<String> inheritedFromObject) {
        public Permission {
            inheritedFromObject = inheritedFromObject == null ? null : List.copyOf(inheritedFromObject);
        }
    }
}
