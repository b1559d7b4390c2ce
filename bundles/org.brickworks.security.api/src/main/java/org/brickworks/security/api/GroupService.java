package org.brickworks.security.api;

import java.util.List;
import java.util.Set;

import org.brickworks.security.api.dto.Group;
import org.brickworks.security.api.dto.GroupSpec;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Groups of users, service principals and groups, with their entitlements. The built-in groups
 * {@value UserService#ADMINS} and {@value UserService#USERS} cannot be deleted or renamed. The same rules as
 * {@link UserService}: changes only by administrators ({@code PERMISSION_DENIED}), bad input refused with
 * {@code INVALID_PARAMETER_VALUE}. Member changes are atomic, so that concurrent additions (as Terraform makes them)
 * lose nothing. Thread-safe.
 *
 * @since 1.1
 */
@ProviderType
public interface GroupService {
    /** Every group, by id. */
    List<Group> list();

    /**
     * @throws org.brickworks.core.api.BrickworksException
     *             RESOURCE_DOES_NOT_EXIST
     */
    Group get(long id);

    /**
     * @throws org.brickworks.core.api.BrickworksException
     *             RESOURCE_ALREADY_EXISTS when a group has the display name
     */
    Group create(String caller, GroupSpec spec);

    Group replace(String caller, long id, GroupSpec spec);

    void delete(String caller, long id);

    /** Adds users, service principals or groups by id; those already members stay. */
    void addMembers(String caller, long groupId, Set<Long> memberIds);

    /** Removes members by id; ids that are not members are ignored. */
    void removeMembers(String caller, long groupId, Set<Long> memberIds);
}
