package org.brickworks.agent.protocol;

/**
 * One context's interpreter of a plugin language: runs that context's commands in the language one at a time, on the
 * context's worker thread, keeping whatever state the language keeps between commands. Its jar's class loader is the
 * thread's context class loader while the agent calls it. {@link #interrupt} comes from another thread while a command
 * runs; {@link #close} once: on the context's worker thread after its earlier commands when the language is removed,
 * or from another thread when the context goes (a command of it may then still be ending, interrupted).
 */
public interface CellInterpreter extends AutoCloseable {

    /**
     * Runs one command. A failure of the user's code is an {@link ErrorResult}; an exception means the interpreter
     * itself failed (it becomes an error result too, this interpreter is closed and the next command gets a new one).
     */
    Result execute(CellCommand command) throws Exception;

    /**
     * Asks the running command to stop, from another thread: called again every 100 ms until {@link #execute} returns
     * (so it may escalate, e.g. from SIGTERM to SIGKILL). A command that stopped returns an {@link ErrorResult} (or
     * throws): its status is then {@code Cancelled}; any other result means it finished before the interrupt took.
     */
    void interrupt();

    @Override
    void close();
}
