package org.brickworks.agent.protocol;

import java.util.Map;

/**
 * {@code POST /commands}: runs after the context's earlier commands, in any language the agent knows (a command whose
 * text starts with {@code %fs} runs as {@code fs}).
 *
 * @param contextId
 *            the context
 * @param language
 *            the command's language
 * @param command
 *            its text
 * @param maxRows
 *            the most rows of a table result (then {@code truncated}); null for 1,000
 * @param parameters
 *            widget values overriding the context's for this command
 * @param waitMillis
 *            how long the answer may wait for the command to end (at most
 *            {@link AgentPaths#MAX_EXECUTE_WAIT_MILLIS}); 0 answers at once
 */
public record Execute(String contextId, String language, String command, Integer maxRows,
        Map<String, String> parameters, long waitMillis) {
    public static final int DEFAULT_MAX_ROWS = 1000;

    public Execute {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
