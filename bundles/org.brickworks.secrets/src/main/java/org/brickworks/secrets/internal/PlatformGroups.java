package org.brickworks.secrets.internal;

import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.security.api.UserService;

/**
 * The groups a user belongs to, for ACL checks, until the security service keeps groups: everyone is in
 * {@value #USERS}, admins are in {@value #ADMINS} too. The secrets service takes any such function; this one is the
 * seam that group membership replaces.
 */
final class PlatformGroups implements Function<String, Set<String>> {
    static final String USERS = "users";
    static final String ADMINS = "admins";

    private final Supplier<UserService> users;

    PlatformGroups(Supplier<UserService> users) {
        this.users = users;
    }

    @Override
    public Set<String> apply(String userName) {
        try {
            return users.get().get(userName).admin() ? Set.of(USERS, ADMINS) : Set.of(USERS);
        } catch (BrickworksException e) {
            if (e.errorCode() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
                return Set.of(USERS);
            }
            throw e;
        }
    }
}
