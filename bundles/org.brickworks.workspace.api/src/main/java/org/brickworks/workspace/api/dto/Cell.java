package org.brickworks.workspace.api.dto;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One notebook cell.
 *
 * @param source
 *            the cell's text without any {@code MAGIC} prefix, as a notebook editor shows it: a cell in another
 *            language than the notebook's starts with its magic command ({@code %sql}, {@code %md}, {@code %run
 *            ./other}, ...); never null
 * @param title
 *            the cell title ({@code DBTITLE}); null when it has none
 * @param sourceForm
 *            the cell's exact text in the SOURCE format when it differs from what the SOURCE writer produces from
 *            {@code source} and {@code title} (an older export's {@code "# MAGIC "} blank lines, hand edits), so that
 *            an import exports back byte for byte; null otherwise. A changed {@code source} must drop it.
 */
public record Cell(String source, String title, String sourceForm) {
    private static final Pattern MAGIC = Pattern.compile("%([A-Za-z][A-Za-z0-9_-]*)(?:[ \\t]+|\\R|$)");

    public Cell {
        if (source == null) {
            throw new IllegalArgumentException("A cell's source is never null");
        }
    }

    /** A cell without title. */
    public static Cell of(String source) {
        return new Cell(source, null, null);
    }

    /** The magic command the cell starts with, lower case and without {@code %} ({@code sql}, {@code md}, ...). */
    public Optional<String> magic() {
        Matcher matcher = MAGIC.matcher(source);
        return matcher.lookingAt() ? Optional.of(matcher.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /**
     * The language this cell runs in: its magic command ({@code sql}, {@code scala}, {@code python}, {@code r},
     * {@code md}, {@code run}, {@code fs}, {@code sh}, {@code pip}, or any other word for an unknown magic), else the
     * notebook's language.
     */
    public String language(NotebookLanguage notebook) {
        return magic().map(word -> "md-sandbox".equals(word) ? "md" : word).orElse(notebook.cellLanguage());
    }

    /** What runs: the source after its magic command and the spaces or line break that follow it. */
    public String command() {
        Matcher matcher = MAGIC.matcher(source);
        return matcher.lookingAt() ? source.substring(matcher.end()) : source;
    }
}
