package org.brickworks.notebooks.api.dto;

/**
 * What a cell produced, bounded.
 *
 * @param type
 *            {@code table} (data: JSON {@code {"schema": [...], "data": [[...]]}} as the Command Execution API 1.2
 *            returns it), {@code text}, {@code html} (rendered markdown), {@code error} (data: summary and cause) or
 *            {@code none}
 * @param data
 *            the output; empty for {@code none}
 * @param truncated
 *            whether rows or characters were cut: by the cluster's row limit or by
 *            {@link org.brickworks.notebooks.api.NotebookRunner#MAX_OUTPUT_CHARS}
 */
public record CellOutput(String type, String data, boolean truncated) {
    public static final CellOutput NONE = new CellOutput("none", "", false);
}
