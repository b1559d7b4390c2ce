package org.brickworks.rest.internal;

/**
 * A route's answer sent as it is, not as JSON: a download ({@code workspace/export} with {@code direct_download}).
 */
record RawBody(byte[] bytes, String contentType, String fileName) {
}
