package org.brickworks.agent.protocol;

import java.util.Map;

/**
 * {@link PlatformPaths#NOTEBOOK_RUN}: {@code dbutils.notebook.run(path, timeoutSeconds, arguments)} from a context of
 * the calling cluster; the platform runs the notebook on that cluster in a new context.
 *
 * @param timeoutSeconds
 *            0 for no limit
 */
public record NotebookRunRequest(String contextId, String path, int timeoutSeconds, Map<String, String> arguments) {
    public NotebookRunRequest {
        arguments = arguments == null ? Map.of() : Map.copyOf(arguments);
    }
}
