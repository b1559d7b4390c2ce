package org.brickworks.shell.internal;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table for shell output: a header row, left-aligned columns, two spaces apart. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header);
    }

    Table row(Object... cells) {
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = String.valueOf(cells[i]);
        }
        rows.add(row);
        return this;
    }

    /** Rows below the header. */
    int size() {
        return rows.size() - 1;
    }

    @Override
    public String toString() {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        rows.forEach(row -> {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                out.append(i + 1 < columns ? String.format("%-" + widths[i] + "s  ", row[i]) : row[i]);
            }
            out.append('\n');
        }
        return out.toString().stripTrailing();
    }
}
