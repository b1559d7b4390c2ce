package org.brickworks.security.api.dto;

import java.time.Instant;

/** A platform user. {@code id} is stable; {@code userName} is what people and tokens name. */
public record User(long id, String userName, String displayName, boolean admin, Instant createdAt) {
}
