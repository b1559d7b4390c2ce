package org.brickworks.rest.api;

import java.util.List;

/**
 * A route's JSON answer already serialised, in parts written one after the other: {@code dbfs/read} sends its base64
 * data this way, without building a 1.4 MB string and a JSON tree around it.
 */
public record JsonParts(List<byte[]> parts) {
    public JsonParts {
        parts = List.copyOf(parts);
    }
}
