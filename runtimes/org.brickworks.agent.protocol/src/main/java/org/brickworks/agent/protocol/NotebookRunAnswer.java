package org.brickworks.agent.protocol;

/**
 * The end of a {@link NotebookRunRequest}'s child run.
 *
 * @param resultState
 *            {@code SUCCESS}, {@code FAILED} or {@code TIMEDOUT}
 * @param exitValue
 *            the child's {@code dbutils.notebook.exit} value, null when it did not exit with one
 * @param error
 *            why it failed, null when it succeeded
 * @param runId
 *            the child run's id, null when it never started
 */
public record NotebookRunAnswer(String resultState, String exitValue, String error, Long runId) {
}
