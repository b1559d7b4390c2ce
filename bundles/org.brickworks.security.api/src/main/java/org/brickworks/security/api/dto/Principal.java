package org.brickworks.security.api.dto;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A user or a service principal, as SCIM describes it.
 *
 * @param kind
 *            {@link PrincipalKind#USER} or {@link PrincipalKind#SERVICE_PRINCIPAL}
 * @param userName
 *            a user's user name; a service principal's application id (a UUID), which names it in tokens and ACLs
 * @param active
 *            false: the principal cannot sign in and its tokens are refused
 * @param entitlements
 *            its own entitlements, not those it inherits from its groups
 * @param groups
 *            the groups it belongs to directly
 */
public record Principal(long id, PrincipalKind kind, String userName, String displayName, String givenName,
        String familyName, String externalId, boolean active, Set<String> entitlements, List<GroupRef> groups,
        Instant createdAt) {
    public Principal {
        entitlements = Set.copyOf(entitlements);
        groups = List.copyOf(groups);
    }
}
