package org.brickworks.security.api.dto;

/** A group a principal belongs to directly. */
public record GroupRef(long id, String displayName) {
}
