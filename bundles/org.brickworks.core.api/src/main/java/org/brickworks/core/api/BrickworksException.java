package org.brickworks.core.api;

/**
 * A failure a user can act on: its message is shown as it is (REST {@code message}, shell line), so it names the
 * offending input and never contains a secret.
 */
public class BrickworksException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;

    public BrickworksException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public BrickworksException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** The error code and message: what a console prints for an uncaught failure, and logs show. */
    @Override
    public String toString() {
        return errorCode + ": " + getMessage();
    }

    public static BrickworksException invalidParameter(String message) {
        return new BrickworksException(ErrorCode.INVALID_PARAMETER_VALUE, message);
    }

    public static BrickworksException notFound(String message) {
        return new BrickworksException(ErrorCode.RESOURCE_DOES_NOT_EXIST, message);
    }

    public static BrickworksException unauthenticated(String message) {
        return new BrickworksException(ErrorCode.UNAUTHENTICATED, message);
    }
}
