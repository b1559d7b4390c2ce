package org.brickworks.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One language of an execution context: runs the context's commands in that language, one at a time (on the
 * context's worker thread; SQL also on a request thread), keeping its state (definitions, variables) from one command
 * to the next.
 * {@link #interrupt} is called from another thread while a command runs; {@link #close} once, when the context goes.
 */
interface Interpreter extends AutoCloseable {

    /**
     * Runs one command; returns its result in the 1.2 API's shape ({@code text}, {@code table} or {@code error}).
     * Throws what the language's own machinery failed with (not the user code's exceptions, which are error results).
     */
    ObjectNode execute(CommandRun run) throws Exception;

    /** Asks a running command to stop (best effort: a Spark job group is cancelled separately). */
    default void interrupt() {
    }

    @Override
    void close();
}
