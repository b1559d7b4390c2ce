package org.brickworks.agent.execution;

import java.nio.file.Path;
import java.util.List;

import org.brickworks.agent.protocol.CellCommand;
import org.brickworks.agent.protocol.CellInterpreter;
import org.brickworks.agent.protocol.ContextInstall;
import org.brickworks.agent.protocol.ErrorResult;
import org.brickworks.agent.protocol.Result;
import org.brickworks.agent.protocol.TextResult;

/**
 * A notebook-scoped install as a command of its context ({@code POST /contexts/<id>/libraries}): the platform has
 * resolved {@code %pip install} or {@code %mvn install} into files (or failed to, {@code failure}); running it adds
 * them to the context, in order with the context's other commands. Its result is the platform's {@code summary} as
 * text, or an error with the resolver's or pip's reason.
 */
final class LibraryInstall implements CellInterpreter {

    private final ExecutionContext context;
    private final ContextInstall install;

    LibraryInstall(ExecutionContext context, ContextInstall install) {
        this.context = context;
        this.install = install;
    }

    @Override
    public Result execute(CellCommand command) {
        String failure = install.failure();
        if (failure != null) {
            return new ErrorResult(failure.lines().findFirst().orElse(failure), failure);
        }
        try {
            boolean restarted = context.addLibraries(paths(install.jars()), paths(install.pythonPaths()));
            String summary = install.summary() == null ? "" : install.summary();
            return TextResult.of(summary + (restarted
                    ? "\nThe context's Scala REPL restarts with the new jars: its earlier definitions are gone."
                    : ""));
        } catch (IllegalArgumentException e) {
            return new ErrorResult("The libraries could not be installed: " + e.getMessage(), "");
        }
    }

    private static List<Path> paths(List<String> files) {
        return files.stream().map(Path::of).toList();
    }

    @Override
    public void interrupt() {
        // an install is a few quick file checks
    }

    @Override
    public void close() {
        // nothing to release: the libraries belong to the context
    }
}
