package org.brickworks.security.api;

import java.util.List;
import java.util.Set;

import org.brickworks.security.api.dto.Principal;
import org.brickworks.security.api.dto.PrincipalKind;
import org.brickworks.security.api.dto.PrincipalSpec;
import org.brickworks.security.api.dto.User;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's users and service principals, their passwords and who is an administrator. The first start creates
 * the {@value #ADMIN} user, a member of the built-in group {@value #ADMINS}; every user and service principal is a
 * member of the built-in group {@value #USERS}. Methods that change something take the {@code caller}'s user name and
 * refuse callers that are not administrators with {@code PERMISSION_DENIED}; bad input is refused with
 * {@code INVALID_PARAMETER_VALUE} naming the field, and nothing is saved. Thread-safe.
 */
@ProviderType
public interface UserService {
    String ADMIN = "admin";
    /** The built-in group of administrators: its members, also through nested groups, may do everything. */
    String ADMINS = "admins";
    /** The built-in group every user and service principal belongs to. */
    String USERS = "users";
    /** The entitlements a user, service principal or group can be given, as Databricks names them. */
    Set<String> ENTITLEMENTS = Set.of("allow-cluster-create", "allow-instance-pool-create", "workspace-access",
            "databricks-sql-access");

    List<User> list();

    /**
     * @throws org.brickworks.core.api.BrickworksException
     *             RESOURCE_DOES_NOT_EXIST
     */
    User get(String userName);

    /**
     * Whether {@code userName} (a user name or a service principal's application id) is an active member of
     * {@value #ADMINS}, directly or through nested groups; false for unknown names.
     *
     * @since 1.1
     */
    boolean isAdmin(String userName);

    /**
     * The display names of every group {@code userName} belongs to, directly or through nested groups; empty for
     * unknown names.
     *
     * @since 1.1
     */
    Set<String> groupsOf(String userName);

    /**
     * The entitlements {@code userName} has, its own and those of all its groups; empty for unknown or inactive
     * principals (administrators have all).
     *
     * @since 1.1
     */
    Set<String> entitlementsOf(String userName);

    /**
     * Every principal of {@code kind} ({@link PrincipalKind#USER} or {@link PrincipalKind#SERVICE_PRINCIPAL}), by id.
     *
     * @since 1.1
     */
    List<Principal> principals(PrincipalKind kind);

    /**
     * @throws org.brickworks.core.api.BrickworksException
     *             RESOURCE_DOES_NOT_EXIST when no user or service principal has {@code id}
     * @since 1.1
     */
    Principal principal(long id);

    /**
     * @throws org.brickworks.core.api.BrickworksException
     *             RESOURCE_ALREADY_EXISTS when the user name or application id is taken
     * @since 1.1
     */
    Principal create(String caller, PrincipalSpec spec);

    /**
     * Replaces what {@code id} is with {@code spec} (its kind stays). Deactivating a principal refuses its tokens at
     * once. The last active administrator cannot be deactivated.
     *
     * @since 1.1
     */
    Principal replace(String caller, long id, PrincipalSpec spec);

    /**
     * Deletes a user or service principal with its tokens and memberships. The last active administrator cannot be
     * deleted.
     *
     * @since 1.1
     */
    void delete(String caller, long id);

    /**
     * Sets the password {@code userName} signs in with: an administrator sets anyone's, a user its own. Service
     * principals own no password.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             INVALID_PARAMETER_VALUE for a password shorter than 8 characters or a service principal
     * @since 1.1
     */
    void setPassword(String caller, String userName, char[] password);

    /**
     * Imports the users and groups of every {@link IdentityProvider} now (as happens when one comes).
     *
     * @return the number of users each provider holds, by provider name
     * @throws org.brickworks.core.api.BrickworksException
     *             PERMISSION_DENIED for non-administrators; a provider that fails is logged and left out
     * @since 1.1
     */
    java.util.Map<String, Integer> syncIdentityProviders(String caller);

    /**
     * The user {@code userName} signs in as with {@code password}. After repeated failures the user is locked out
     * for a while, during which even the right password is refused.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             UNAUTHENTICATED for an unknown user, a wrong or missing password, a disabled user or while locked
     *             out (the message does not say whether the user exists). A user an {@link IdentityProvider}
     *             brought and who has no password of the platform's is checked by that provider.
     * @since 1.1
     */
    User authenticate(String userName, char[] password);
}
