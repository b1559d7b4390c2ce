package org.brickworks.agent.protocol;

/**
 * The answer to a {@link TaskValueRequest}.
 *
 * @param inJob
 *            whether the context runs a job's task: outside a job a set does nothing and a get answers its debug value
 * @param value
 *            a get's value as JSON text; null when the task did not set it (or for a set)
 */
public record TaskValueAnswer(boolean inJob, String value) {
}
