package org.brickworks.store.api;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;

/** A store failure the caller cannot fix by changing its input: an internal error at the edges. */
public class StoreException extends BrickworksException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(ErrorCode.INTERNAL_ERROR, message, cause);
    }
}
