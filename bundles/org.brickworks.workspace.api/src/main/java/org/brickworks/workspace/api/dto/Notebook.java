package org.brickworks.workspace.api.dto;

import java.util.List;

/**
 * A notebook's content: its language and ordered cells.
 *
 * @param language
 *            the notebook's default language
 * @param cells
 *            in order; at least one
 * @param trailingNewline
 *            whether its SOURCE form ends with a line break after the last cell (kept for byte-identical exports)
 */
public record Notebook(NotebookLanguage language, List<Cell> cells, boolean trailingNewline) {

    public Notebook {
        cells = List.copyOf(cells);
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("A notebook has at least one cell");
        }
    }
}
