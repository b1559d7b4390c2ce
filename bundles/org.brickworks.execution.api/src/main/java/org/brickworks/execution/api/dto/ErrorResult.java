package org.brickworks.execution.api.dto;

/**
 * A failure, also the result of a cancelled command.
 *
 * @param summary
 *            one line: the compiler's message with its line, or the exception's type and message
 * @param cause
 *            the output before the failure and the stack trace or traceback; may be empty
 */
public record ErrorResult(String summary, String cause) implements CommandResult {

    @Override
    public String resultType() {
        return "error";
    }
}
