package org.brickworks.agent.protocol;

/**
 * An error answer of the agent (and of the platform's callback paths): {@code UNAUTHENTICATED} (401),
 * {@code INVALID_PARAMETER_VALUE} (400), {@code RESOURCE_DOES_NOT_EXIST} and {@code ENDPOINT_NOT_FOUND} (404),
 * {@code TEMPORARILY_UNAVAILABLE} (503), {@code INTERNAL_ERROR} (500).
 */
public record ApiError(String errorCode, String message) {
}
