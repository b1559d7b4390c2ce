package org.brickworks.rest.internal;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;

/** Errors that only the HTTP edge raises: malformed bodies, unknown endpoints, oversize requests. */
final class ApiError {
    private ApiError() {
    }

    static BrickworksException malformed(String message) {
        return new BrickworksException(ErrorCode.MALFORMED_REQUEST, message);
    }

    static BrickworksException noEndpoint(String method, String path) {
        return new BrickworksException(ErrorCode.ENDPOINT_NOT_FOUND, "No API found for '" + method + " " + path + "'");
    }

    static BrickworksException tooLarge(long limit) {
        return new BrickworksException(ErrorCode.REQUEST_LIMIT_EXCEEDED,
                "The request body exceeds the limit of " + limit + " bytes");
    }
}
