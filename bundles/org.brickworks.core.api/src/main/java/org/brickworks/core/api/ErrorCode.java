package org.brickworks.core.api;

/**
 * Error codes as the Databricks REST API spells them, with the HTTP status each one maps to. Every domain exception
 * carries one; REST answers {@code {"error_code", "message"}} with it and the shell prints its message.
 */
public enum ErrorCode {
    INVALID_PARAMETER_VALUE(400), MALFORMED_REQUEST(400), REQUEST_LIMIT_EXCEEDED(413), UNAUTHENTICATED(401),
    PERMISSION_DENIED(403), RESOURCE_DOES_NOT_EXIST(404), ENDPOINT_NOT_FOUND(404), RESOURCE_ALREADY_EXISTS(409),
    DIRECTORY_NOT_EMPTY(400), INVALID_STATE(400), TEMPORARILY_UNAVAILABLE(503), INTERNAL_ERROR(500),
    MAX_BLOCK_SIZE_EXCEEDED(400), MAX_READ_SIZE_EXCEEDED(400), IO_ERROR(400),
    /** @since 2.2 */
    MAX_SECRETS_PER_SCOPE_EXCEEDED(400);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
