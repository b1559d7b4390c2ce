package org.brickworks.workspace.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.brickworks.workspace.api.dto.Cell;
import org.brickworks.workspace.api.dto.Notebook;
import org.brickworks.workspace.api.dto.NotebookLanguage;

/**
 * Databricks' SOURCE notebook format, read and written exactly as Databricks writes it:
 *
 * <pre>
 * # Databricks notebook source
 * print(1)
 *
 * # COMMAND ----------
 *
 * # DBTITLE 1,Totals
 * # MAGIC %sql
 * # MAGIC SELECT 1
 * </pre>
 *
 * in the language's comment syntax ({@code # } for Python and R, {@code // } for Scala, {@code -- } for SQL). A cell in
 * another language than the notebook's is written as {@code MAGIC} lines, its blank lines as a bare {@code MAGIC}. A
 * cell whose text differs from what this writer would produce keeps that text ({@link Cell#sourceForm()}), so every
 * file this reader accepts is written back byte for byte. Stateless and thread-safe.
 */
final class SourceFormat {
    static final String HEADER = "Databricks notebook source";
    static final String SEPARATOR = "COMMAND ----------";
    static final String MAGIC = "MAGIC";
    static final String TITLE = "DBTITLE 1,";

    private SourceFormat() {
    }

    /** The language a SOURCE header names by its comment syntax ({@code #} is Python unless the caller knows R). */
    static Optional<NotebookLanguage> headerLanguage(String text) {
        for (NotebookLanguage language : List.of(NotebookLanguage.PYTHON, NotebookLanguage.SCALA,
                NotebookLanguage.SQL)) {
            if (hasHeader(text, language)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code text} starts with the SOURCE header line of {@code language}. */
    static boolean hasHeader(String text, NotebookLanguage language) {
        String header = language.commentPrefix() + HEADER;
        return text.equals(header) || text.startsWith(header + "\n");
    }

    /**
     * The notebook in {@code text}. Text without the header line is one cell holding all of it, as Databricks imports
     * a plain source file.
     */
    static Notebook read(String text, NotebookLanguage language) {
        String prefix = language.commentPrefix();
        if (!hasHeader(text, language)) {
            boolean trailing = text.endsWith("\n");
            return new Notebook(language, List.of(Cell.of(trailing ? text.substring(0, text.length() - 1) : text)),
                    trailing);
        }
        String header = prefix + HEADER;
        String body = text.length() == header.length() ? "" : text.substring(header.length() + 1);
        boolean trailing = body.endsWith("\n");
        if (trailing) {
            body = body.substring(0, body.length() - 1);
        }
        List<Cell> cells = new ArrayList<>();
        for (String chunk : split(body, separator(language))) {
            cells.add(readCell(chunk, prefix));
        }
        return new Notebook(language, cells, trailing);
    }

    /** The notebook's SOURCE text in its own language. */
    static String write(Notebook notebook) {
        String prefix = notebook.language().commentPrefix();
        StringBuilder out = new StringBuilder(prefix).append(HEADER).append('\n');
        String separator = separator(notebook.language());
        for (int i = 0; i < notebook.cells().size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            out.append(writeCell(notebook.cells().get(i), prefix));
        }
        if (notebook.trailingNewline()) {
            out.append('\n');
        }
        return out.toString();
    }

    static String separator(NotebookLanguage language) {
        return "\n\n" + language.commentPrefix() + SEPARATOR + "\n\n";
    }

    private static Cell readCell(String chunk, String prefix) {
        String title = null;
        String rest = chunk;
        if (chunk.startsWith(prefix + TITLE)) {
            int end = chunk.indexOf('\n');
            title = chunk.substring(prefix.length() + TITLE.length(), end < 0 ? chunk.length() : end);
            rest = end < 0 ? "" : chunk.substring(end + 1);
        }
        String source = magicLines(rest, prefix).orElse(rest);
        Cell cell = new Cell(source, title, null);
        return writeCell(cell, prefix).equals(chunk) ? cell : new Cell(source, title, chunk);
    }

    /** The text of a cell written as MAGIC lines, without their prefixes; empty if any line is not one. */
    private static Optional<String> magicLines(String text, String prefix) {
        String magic = prefix + MAGIC;
        if (!text.startsWith(magic + " %")) {
            return Optional.empty();
        }
        StringBuilder source = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.equals(magic) || line.equals(magic + " ")) {
                source.append('\n');
            } else if (line.startsWith(magic + " ")) {
                source.append(line, magic.length() + 1, line.length()).append('\n');
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(source.substring(0, source.length() - 1));
    }

    private static String writeCell(Cell cell, String prefix) {
        if (cell.sourceForm() != null) {
            return cell.sourceForm();
        }
        StringBuilder out = new StringBuilder();
        if (cell.title() != null) {
            out.append(prefix).append(TITLE).append(cell.title()).append('\n');
        }
        if (cell.magic().isEmpty()) {
            return out.append(cell.source()).toString();
        }
        String[] lines = cell.source().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            out.append(prefix).append(MAGIC);
            if (!lines[i].isEmpty()) {
                out.append(' ').append(lines[i]);
            }
            if (i + 1 < lines.length) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static List<String> split(String text, String separator) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, from)) {
            parts.add(text.substring(from, at));
            from = at + separator.length();
        }
        parts.add(text.substring(from));
        return parts;
    }
}
