package org.brickworks.permissions.internal;

import org.brickworks.permissions.api.ObjectRef;

/** One row of {@code object_permissions}: a principal's level on an object. */
record Entry(ObjectRef object, PrincipalKind kind, String principal, String level) {
}
