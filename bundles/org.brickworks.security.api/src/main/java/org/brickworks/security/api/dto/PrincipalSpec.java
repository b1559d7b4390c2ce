package org.brickworks.security.api.dto;

import java.util.Set;

/**
 * What a user or service principal is created or replaced with.
 *
 * @param userName
 *            a user's user name; a service principal's application id, null to have one generated at creation
 * @param displayName
 *            null for the user name
 * @param entitlements
 *            the complete set of its own entitlements
 */
public record PrincipalSpec(PrincipalKind kind, String userName, String displayName, String givenName,
        String familyName, String externalId, boolean active, Set<String> entitlements) {
    public PrincipalSpec {
        entitlements = entitlements == null ? Set.of() : Set.copyOf(entitlements);
    }
}
