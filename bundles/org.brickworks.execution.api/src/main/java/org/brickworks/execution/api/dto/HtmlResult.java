package org.brickworks.execution.api.dto;

/** HTML a platform language rendered, such as a Markdown cell's. */
public record HtmlResult(String html) implements CommandResult {

    @Override
    public String resultType() {
        return "html";
    }
}
