package org.brickworks.agent.protocol;

/**
 * One context's interpreter of a plugin language: runs that context's commands in the language one at a time, on the
 * context's worker thread, keeping whatever state the language keeps between commands. {@link #interrupt} comes from
 * another thread while a command runs; {@link #close} once, when the context goes.
 */
public interface CellInterpreter extends AutoCloseable {

    /**
     * Runs one command. A failure of the user's code is an {@link ErrorResult}; an exception means the interpreter
     * itself failed (it becomes an error result too, and the next command gets a new interpreter).
     */
    Result execute(CellCommand command) throws Exception;

    /** Asks the running command to stop, from another thread; the command then ends as cancelled. */
    void interrupt();

    @Override
    void close();
}
