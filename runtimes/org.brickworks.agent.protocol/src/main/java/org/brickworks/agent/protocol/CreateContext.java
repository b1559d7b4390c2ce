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
 * @param user
 *            the platform user who owns the context: its {@code dbutils.secrets} calls have that user's rights; null
 *            for a context of the platform's own, which reads no secrets
 */
public record CreateContext(String language, Map<String, String> parameters, String user) {
    public CreateContext {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** A context of no user. */
    public CreateContext(String language, Map<String, String> parameters) {
        this(language, parameters, null);
    }
}
