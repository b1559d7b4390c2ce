package org.brickworks.security.api.dto;

/**
 * A direct member of a group: a user, a service principal or another group.
 *
 * @param display
 *            a user's user name, a service principal's display name (its application id without one), a group's
 *            display name
 */
public record Member(long id, String display, PrincipalKind kind) {
}
