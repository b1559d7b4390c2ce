package org.brickworks.notebooks.internal;

import java.util.List;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown cells to HTML with commonmark-java (CommonMark plus GitHub tables). Raw HTML in a cell is escaped, not
 * passed through: notebook HTML is shown in browsers of other users. Thread-safe: parser and renderer are immutable.
 */
final class MarkdownRenderer {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true)
            .sanitizeUrls(true).build();

    String render(String markdown) {
        return renderer.render(parser.parse(markdown));
    }
}
