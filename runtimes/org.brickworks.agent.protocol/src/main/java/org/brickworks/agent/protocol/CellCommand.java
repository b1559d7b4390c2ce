package org.brickworks.agent.protocol;

import java.util.Map;

/**
 * One command for a {@link CellInterpreter}.
 *
 * @param id
 *            the command's id (also its Spark job group)
 * @param code
 *            the command's text, without a leading {@code %<language>} line
 * @param maxRows
 *            the most rows a table result may hold
 * @param parameters
 *            widget values: the context's overlaid with the command's
 */
public record CellCommand(String id, String code, int maxRows, Map<String, String> parameters) {
    public CellCommand {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
