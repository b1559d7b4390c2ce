package org.brickworks.execution.api.dto;

/**
 * Text: what the command printed and its echoed value.
 *
 * @param notebookExit
 *            whether {@code dbutils.notebook.exit(value)} ended the command; {@code data} is then the value
 */
public record TextResult(String data, boolean notebookExit) implements CommandResult {

    public static TextResult of(String data) {
        return new TextResult(data, false);
    }

    @Override
    public String resultType() {
        return "text";
    }
}
