package org.brickworks.agent.protocol;

import java.util.Map;

/**
 * {@code POST /contexts}: a context is a session of its own on the driver ({@code SparkSession.newSession()}), its
 * commands run one after another. Its language's interpreter starts at once, in the background.
 *
 * @param language
 *            the context's language, one of {@link AgentPaths#LANGUAGES}; null for {@value Execute#DEFAULT_LANGUAGE}
 * @param parameters
 *            widget values its commands see ({@code dbutils.widgets.get}), strings
 */
public record CreateContext(String language, Map<String, String> parameters) {
    public CreateContext {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
