package org.brickworks.agent.protocol;

import java.util.Map;

/**
 * {@code POST /commands}: runs after the context's earlier commands, in any language the agent knows. A command whose
 * text starts with {@code %<name>} naming a language the agent knows ({@code %fs ls /}, {@code %sh} and a script
 * below) runs in that language, without the magic.
 *
 * @param contextId
 *            the context
 * @param language
 *            the command's language (see {@link AgentPaths#LANGUAGES}); null for {@value #DEFAULT_LANGUAGE}
 * @param command
 *            its text
 * @param maxRows
 *            the most rows of a table result (then {@code truncated}); null for {@value #DEFAULT_MAX_ROWS}
 * @param parameters
 *            widget values overriding the context's for this command
 * @param waitMillis
 *            how long the answer may wait for the command to end (at most
 *            {@link AgentPaths#MAX_EXECUTE_WAIT_MILLIS}); 0 answers at once
 */
public record Execute(String contextId, String language, String command, Integer maxRows,
        Map<String, String> parameters, long waitMillis) {
    public static final int DEFAULT_MAX_ROWS = 1000;
    /** The language of a context or command that names none. */
    public static final String DEFAULT_LANGUAGE = "sql";

    public Execute {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
