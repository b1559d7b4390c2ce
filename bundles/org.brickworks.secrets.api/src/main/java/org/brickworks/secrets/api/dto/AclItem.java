package org.brickworks.secrets.api.dto;

/**
 * One entry of a scope's access control list.
 *
 * @param principal
 *            a user name or a group name
 */
public record AclItem(String principal, AclPermission permission) {
}
