package org.brickworks.execution.api.dto;

/**
 * An image the command displayed.
 *
 * @param mimeType
 *            e.g. {@code image/png}
 * @param data
 *            the image, base64
 */
public record ImageResult(String mimeType, String data) implements CommandResult {

    @Override
    public String resultType() {
        return "image";
    }
}
