package org.brickworks.agent.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A notebook-scoped install ({@code %pip install}, {@code %mvn install}) queued as a command of one context: either
 * files the platform resolved, with the {@code summary} that becomes the command's text result, or the
 * {@code failure} that becomes its error result.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContextInstall(List<String> jars, List<String> pythonPaths, String summary, String failure) {
    public ContextInstall {
        jars = jars == null ? List.of() : List.copyOf(jars);
        pythonPaths = pythonPaths == null ? List.of() : List.copyOf(pythonPaths);
    }

    public static ContextInstall failed(String reason) {
        return new ContextInstall(List.of(), List.of(), null, reason);
    }
}
