package org.brickworks.rest.api;

import org.brickworks.core.api.BrickworksException;

/**
 * Checks a parameter record makes in its compact constructor, so that binding it refuses bad input with
 * {@code 400 INVALID_PARAMETER_VALUE} naming the field.
 */
public final class ApiParams {
    private ApiParams() {
    }

    /** {@code value}, which the client must send. */
    public static <T> T required(T value, String field) {
        if (value == null) {
            throw BrickworksException.invalidParameter("Missing required field: " + field);
        }
        return value;
    }
}
