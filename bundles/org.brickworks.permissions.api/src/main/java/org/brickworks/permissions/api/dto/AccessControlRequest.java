package org.brickworks.permissions.api.dto;

/**
 * One entry of a PUT or PATCH: exactly one of {@code userName}, {@code groupName} and {@code servicePrincipalName}
 * (an application id), and a level.
 */
public record AccessControlRequest(String userName, String groupName, String servicePrincipalName,
        String permissionLevel) {
}
