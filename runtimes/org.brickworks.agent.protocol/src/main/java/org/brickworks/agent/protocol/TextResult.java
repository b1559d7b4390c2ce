package org.brickworks.agent.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Text: what the command printed and its echoed value.
 *
 * @param notebookExit
 *            true when {@code dbutils.notebook.exit(value)} ended the command ({@code data} is the value), else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TextResult(String data, Boolean notebookExit) implements Result {

    public static TextResult of(String data) {
        return new TextResult(data, null);
    }

    /** The result of {@code dbutils.notebook.exit(value)}. */
    public static TextResult exit(String value) {
        return new TextResult(value, true);
    }

    public boolean exitsNotebook() {
        return Boolean.TRUE.equals(notebookExit);
    }
}
