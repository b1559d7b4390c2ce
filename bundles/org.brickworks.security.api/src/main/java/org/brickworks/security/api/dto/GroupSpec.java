package org.brickworks.security.api.dto;

import java.util.Set;

/**
 * What a group is created or replaced with.
 *
 * @param memberIds
 *            the ids of its direct members (users, service principals, groups); null keeps the members it has
 * @param entitlements
 *            the complete set of its entitlements
 */
public record GroupSpec(String displayName, String externalId, Set<Long> memberIds, Set<String> entitlements) {
    public GroupSpec {
        memberIds = memberIds == null ? null : Set.copyOf(memberIds);
        entitlements = entitlements == null ? Set.of() : Set.copyOf(entitlements);
    }
}
