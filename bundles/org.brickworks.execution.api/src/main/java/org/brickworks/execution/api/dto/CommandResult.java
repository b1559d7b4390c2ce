package org.brickworks.execution.api.dto;

/**
 * What a command produced, in the shapes of the Command Execution API 1.2 ({@code resultType} {@code text},
 * {@code table}, {@code error}) and Brickworks' own {@code image} and {@code html} (a platform language's rendering,
 * such as Markdown).
 */
public sealed interface CommandResult permits TextResult, TableResult, ErrorResult, ImageResult, HtmlResult {

    /** The API's {@code resultType}. */
    String resultType();
}
