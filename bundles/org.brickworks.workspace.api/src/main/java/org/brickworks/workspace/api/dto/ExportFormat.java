package org.brickworks.workspace.api.dto;

/**
 * Formats of the Workspace API's import and export. {@code SOURCE}: Databricks' source file; {@code JUPYTER}: an
 * nbformat 4 notebook; {@code AUTO} (import only): a notebook when the content is a SOURCE notebook (by its header) or
 * an {@code .ipynb}, else a file.
 */
public enum ExportFormat {
    SOURCE, JUPYTER, AUTO
}
