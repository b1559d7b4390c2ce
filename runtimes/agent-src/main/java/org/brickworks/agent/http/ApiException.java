package org.brickworks.agent.http;

/**
 * A request the agent refuses, with the HTTP status and the error code of the answer (an
 * {@link org.brickworks.agent.protocol.ApiError}).
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;

    public ApiException(int status, String errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "RESOURCE_DOES_NOT_EXIST", what + " does not exist");
    }

    public static ApiException invalid(String message) {
        return new ApiException(400, "INVALID_PARAMETER_VALUE", message);
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }
}
