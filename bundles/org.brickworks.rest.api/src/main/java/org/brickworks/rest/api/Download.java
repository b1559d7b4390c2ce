package org.brickworks.rest.api;

/**
 * A route's answer sent as it is, not as JSON, as a file to save ({@code Content-Disposition: attachment}):
 * {@code workspace/export} with {@code direct_download}.
 */
public record Download(byte[] bytes, String contentType, String fileName) {
}
