package org.brickworks.agent;

/**
 * A request the agent refuses, with the HTTP status and the Databricks-style error code the response carries
 * ({@code {"error_code":...,"message":...}}).
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;

    ApiException(int status, String errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    static ApiException notFound(String what) {
        return new ApiException(404, "RESOURCE_DOES_NOT_EXIST", what + " does not exist");
    }

    static ApiException invalid(String message) {
        return new ApiException(400, "INVALID_PARAMETER_VALUE", message);
    }

    int status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }
}
