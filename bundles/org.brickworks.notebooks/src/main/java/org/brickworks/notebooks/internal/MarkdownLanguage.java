package org.brickworks.notebooks.internal;

import java.util.List;
import java.util.Map;

import org.brickworks.execution.api.CellLanguage;
import org.brickworks.execution.api.dto.CommandResult;
import org.brickworks.execution.api.dto.HtmlResult;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.osgi.service.component.annotations.Component;

/**
 * {@code md}: Markdown cells rendered to HTML on the platform with commonmark-java (CommonMark plus GitHub tables).
 * Raw HTML in a cell is escaped, not passed through: notebook HTML is shown in browsers of other users. Thread-safe:
 * parser and renderer are immutable.
 */
@Component(property = CellLanguage.NAME_PROPERTY + "=md")
public class MarkdownLanguage implements CellLanguage {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true)
            .sanitizeUrls(true).build();

    @Override
    public String description() {
        return "Markdown, rendered to HTML on the platform";
    }

    @Override
    public Placement placement() {
        return Placement.PLATFORM;
    }

    @Override
    public CommandResult run(String command, Map<String, String> parameters) {
        return new HtmlResult(render(command));
    }

    String render(String markdown) {
        return renderer.render(parser.parse(markdown));
    }
}
