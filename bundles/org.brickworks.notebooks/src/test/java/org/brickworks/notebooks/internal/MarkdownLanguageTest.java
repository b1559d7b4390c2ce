package org.brickworks.notebooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.brickworks.execution.api.CellLanguage;
import org.brickworks.execution.api.dto.HtmlResult;
import org.junit.jupiter.api.Test;

class MarkdownLanguageTest {
    private final MarkdownLanguage renderer = new MarkdownLanguage();

    @Test
    void rendersHeadingsEmphasisListsAndTables() {
        String html = renderer
                .render("# Sales\n\nThe **daily** numbers:\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");

        assertThat(html).contains("<h1>Sales</h1>", "<strong>daily</strong>", "<li>one</li>", "<table>",
                "<td>1</td>");
    }

    @Test
    void escapesRawHtmlAndUnsafeLinks() {
        String html = renderer.render("<script>alert(1)</script>\n\n[x](javascript:alert(1))");

        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;").doesNotContain("javascript:");
    }

    @Test
    void runsOnThePlatformAsHtml() {
        assertThat(renderer.placement()).isEqualTo(CellLanguage.Placement.PLATFORM);
        assertThat(renderer.run("*hi*", Map.of())).isEqualTo(new HtmlResult("<p><em>hi</em></p>\n"));
    }
}
