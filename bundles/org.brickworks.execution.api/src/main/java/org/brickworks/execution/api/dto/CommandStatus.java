package org.brickworks.execution.api.dto;

/**
 * A command's state and, once it ended, its result.
 *
 * @param result
 *            null until the command ends; an {@link ErrorResult} for {@code ERROR} and {@code CANCELLED}
 */
public record CommandStatus(String id, CommandState state, CommandResult result) {

    public boolean done() {
        return state.isFinal();
    }
}
