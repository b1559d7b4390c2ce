package org.brickworks.permissions.internal;

import java.util.List;

/** The permissions area's schema migrations, append-only. */
final class PermissionsSchema {
    static final String AREA = "permissions";

    static final List<String> MIGRATIONS = List.of(
            "CREATE TABLE object_permissions (object_type VARCHAR(64) NOT NULL, object_id VARCHAR(255) NOT NULL,"
                    + " principal_kind VARCHAR(20) NOT NULL, principal VARCHAR(255) NOT NULL,"
                    + " permission_level VARCHAR(32) NOT NULL,"
                    + " PRIMARY KEY (object_type, object_id, principal_kind, principal))",
            "CREATE INDEX object_permissions_principal ON object_permissions (principal, object_type)",
            // As in Databricks once token permissions are on: every user may create tokens until an admin says else.
            "INSERT INTO object_permissions VALUES ('authorization', 'tokens', 'GROUP', 'users', 'CAN_USE')");

    private PermissionsSchema() {
    }
}
