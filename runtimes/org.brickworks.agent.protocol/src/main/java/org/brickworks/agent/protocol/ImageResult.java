package org.brickworks.agent.protocol;

/**
 * An image a command displayed (a plot), Brickworks' own result type.
 *
 * @param mimeType
 *            e.g. {@code image/png}
 * @param data
 *            the image, base64
 */
public record ImageResult(String mimeType, String data) implements Result {
}
