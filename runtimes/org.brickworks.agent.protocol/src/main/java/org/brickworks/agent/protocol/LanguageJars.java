package org.brickworks.agent.protocol;

import java.util.List;

/**
 * The jars of the plugin cell languages the platform offers now, files on the driver's host: the agent loads each
 * jar's {@link CellInterpreterFactory} implementations. A language whose jar is no longer listed is refused by new
 * commands, and the contexts close their interpreters of it.
 */
public record LanguageJars(List<String> jars) {
    public LanguageJars {
        jars = List.copyOf(jars);
    }
}
