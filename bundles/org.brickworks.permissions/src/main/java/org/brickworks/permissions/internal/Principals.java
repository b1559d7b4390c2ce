package org.brickworks.permissions.internal;

import java.util.Set;

/** What the permissions service asks the identity service; a seam for the unit tests. */
interface Principals {
    /** Whether {@code user} is an active member of {@code admins}. */
    boolean isAdmin(String user);

    /** Every group {@code user} is in, nested groups included. */
    Set<String> groupsOf(String user);

    /** Whether {@code name} names an existing principal of {@code kind}. */
    boolean exists(PrincipalKind kind, String name);
}
