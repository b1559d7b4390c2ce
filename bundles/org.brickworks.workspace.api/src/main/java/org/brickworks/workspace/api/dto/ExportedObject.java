package org.brickworks.workspace.api.dto;

/**
 * A Workspace API {@code export}: the bytes and the file extension they are usually saved with ({@code py},
 * {@code ipynb}, ...; Databricks' {@code file_type}).
 */
public record ExportedObject(byte[] content, String fileType) {
}
