package org.brickworks.security.api.dto;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A group of users, service principals and other groups.
 *
 * @param members
 *            its direct members
 * @param entitlements
 *            what its members (also those of nested groups) are entitled to
 * @param groups
 *            the groups it belongs to directly
 */
public record Group(long id, String displayName, String externalId, List<Member> members, Set<String> entitlements,
        List<GroupRef> groups, Instant createdAt) {
    public Group {
        members = List.copyOf(members);
        entitlements = Set.copyOf(entitlements);
        groups = List.copyOf(groups);
    }
}
