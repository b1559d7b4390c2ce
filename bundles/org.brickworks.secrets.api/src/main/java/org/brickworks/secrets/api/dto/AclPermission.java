package org.brickworks.secrets.api.dto;

/** A principal's right on a secret scope; each level includes the ones before it. */
public enum AclPermission {
    /** List the scope's secrets and read their values. */
    READ,
    /** Put and delete secrets, and READ. */
    WRITE,
    /** Change the scope's ACLs and delete it, and WRITE. */
    MANAGE;

    /** Whether this level includes {@code needed}. */
    public boolean includes(AclPermission needed) {
        return compareTo(needed) >= 0;
    }
}
