package org.brickworks.agent.protocol;

/**
 * A failure: also the result of a cancelled command.
 *
 * @param summary
 *            one line: the compiler's message with its line, or the exception type and message
 * @param cause
 *            the output before the failure and the stack trace or traceback
 */
public record ErrorResult(String summary, String cause) implements Result {
}
