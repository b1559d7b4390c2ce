package org.brickworks.agent.execution;

import org.brickworks.agent.protocol.CellInterpreter;

/**
 * The languages the agent runs now and how to start their interpreters: what execution contexts ask of the language
 * registry. Thread-safe.
 */
public interface Interpreters {

    /** Whether {@code language} runs now. */
    boolean isKnown(String language);

    /**
     * Refuses a language that does not run now.
     *
     * @throws org.brickworks.agent.http.ApiException
     *             {@code INVALID_PARAMETER_VALUE} naming the languages there are
     */
    void requireKnown(String language);

    /**
     * Whether a command of {@code language} may run on the thread that submitted it, when its context is idle: only
     * for a language whose commands are short calls into Spark (a thread hand-off per query saved).
     */
    boolean mayRunOnSubmitter(String language);

    /** Starts the context's interpreter of {@code language}; called on the context's worker thread. */
    CellInterpreter start(String language, InterpreterContext context) throws Exception;
}
