package org.brickworks.workspace.api.dto;

import java.util.Locale;
import java.util.Optional;

/**
 * A notebook's default language, with what its Databricks SOURCE form uses: the file extension and the comment prefix
 * of the header, separator, {@code MAGIC} and {@code DBTITLE} lines.
 */
public enum NotebookLanguage {
    PYTHON("py", "# "), SCALA("scala", "// "), SQL("sql", "-- "), R("r", "# ");

    private final String extension;
    private final String commentPrefix;

    NotebookLanguage(String extension, String commentPrefix) {
        this.extension = extension;
        this.commentPrefix = commentPrefix;
    }

    /** The file extension of the SOURCE export, without the dot: {@code py}, {@code scala}, {@code sql}, {@code r}. */
    public String extension() {
        return extension;
    }

    /** The line comment with its space: {@code "# "}, {@code "// "} or {@code "-- "}. */
    public String commentPrefix() {
        return commentPrefix;
    }

    /** The cell language name of this notebook language: {@code python}, {@code scala}, {@code sql}, {@code r}. */
    public String cellLanguage() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The language of a file extension (case-insensitive, with or without the dot), if it is a notebook's. */
    public static Optional<NotebookLanguage> ofExtension(String extension) {
        String bare = extension.startsWith(".") ? extension.substring(1) : extension;
        for (NotebookLanguage language : values()) {
            if (language.extension.equalsIgnoreCase(bare)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /** The language of a cell language name ({@code python}, {@code SCALA}, ...), if it is a notebook language. */
    public static Optional<NotebookLanguage> ofName(String name) {
        for (NotebookLanguage language : values()) {
            if (language.name().equalsIgnoreCase(name)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
