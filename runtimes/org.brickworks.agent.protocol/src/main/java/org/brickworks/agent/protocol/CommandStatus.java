package org.brickworks.agent.protocol;

/**
 * A command's state and, once it ended, its result.
 *
 * @param results
 *            null until the command ends; an {@link ErrorResult} for {@code Error} and {@code Cancelled}
 */
public record CommandStatus(String id, CommandState status, Result results) {
}
