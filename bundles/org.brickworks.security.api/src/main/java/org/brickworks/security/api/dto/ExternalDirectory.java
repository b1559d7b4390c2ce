package org.brickworks.security.api.dto;

import java.util.List;

/**
 * What an {@link org.brickworks.security.api.IdentityProvider} knows: its users, and its groups with their members by
 * user name.
 */
public record ExternalDirectory(List<ExternalUser> users, List<ExternalGroup> groups) {
    public ExternalDirectory {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
    }

    /** A user of a directory; {@code displayName}, {@code givenName} and {@code familyName} may be null. */
    public record ExternalUser(String userName, String displayName, String givenName, String familyName) {
    }

    /** A group of a directory and the user names of its members. */
    public record ExternalGroup(String displayName, List<String> memberUserNames) {
        public ExternalGroup {
            memberUserNames = List.copyOf(memberUserNames);
        }
    }
}
