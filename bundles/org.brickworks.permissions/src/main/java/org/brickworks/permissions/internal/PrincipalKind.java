package org.brickworks.permissions.internal;

/** Who an entry names, with the Permissions API's field for it. */
enum PrincipalKind {
    USER("user_name"), GROUP("group_name"), SERVICE_PRINCIPAL("service_principal_name");

    final String field;

    PrincipalKind(String field) {
        this.field = field;
    }
}
