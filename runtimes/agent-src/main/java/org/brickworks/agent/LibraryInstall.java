package org.brickworks.agent;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A notebook-scoped install as a command of its context ({@code POST /contexts/<id>/libraries}): the platform has
 * resolved {@code %pip install} or {@code %mvn install} into files (or failed to, {@code failure}); running it adds
 * them to the context, in order with the context's other commands. Its result is the platform's {@code summary} as
 * text, or an error with the resolver's or pip's reason.
 */
final class LibraryInstall implements Interpreter {

    private final ExecutionContext context;
    private final List<Path> jars;
    private final List<Path> pythonPaths;
    private final String summary;
    private final String failure;

    /** {@code failure}: why resolution failed (then nothing is installed), or null. */
    LibraryInstall(ExecutionContext context, List<Path> jars, List<Path> pythonPaths, String summary,
            String failure) {
        this.context = context;
        this.jars = List.copyOf(jars);
        this.pythonPaths = List.copyOf(pythonPaths);
        this.summary = summary;
        this.failure = failure;
    }

    @Override
    public ObjectNode execute(CommandRun run) {
        if (failure != null) {
            return Results.error(failure.lines().findFirst().orElse(failure), failure);
        }
        try {
            boolean replClosed = context.addLibraries(jars, pythonPaths);
            return Results.text(summary + (replClosed
                    ? "\nThe context's Scala REPL restarts with the new jars: its earlier definitions are gone."
                    : ""));
        } catch (IllegalArgumentException e) {
            return Results.error("The libraries could not be installed: " + e.getMessage(), "");
        }
    }

    @Override
    public void close() {
        // nothing to release: the libraries belong to the context
    }
}
