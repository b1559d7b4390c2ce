package org.brickworks.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's execution contexts and their commands, by id. Contexts are sessions of the one root SparkSession, each
 * with its interpreters ({@link Interpreters}: sql, scala, python, r). Cancellation runs on its own threads so a cancel
 * request returns at once. Thread-safe.
 */
final class ExecutionContexts {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionContexts.class);

    private final SparkSession root;
    private final Interpreters interpreters;
    private final PlatformCallback platform;
    private final ClusterLibraries libraries;
    private final Map<String, ExecutionContext> contexts = new ConcurrentHashMap<>();
    private final Map<String, Command> commands = new ConcurrentHashMap<>();
    private final ExecutorService cancellers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "brickworks-cancel");
        thread.setDaemon(true);
        return thread;
    });

    ExecutionContexts(SparkSession root, Interpreters interpreters, ClusterLibraries libraries,
            PlatformCallback platform) {
        this.root = root;
        this.interpreters = interpreters;
        this.libraries = libraries;
        this.platform = platform;
    }

    /** A new context whose own language's interpreter starts at once; {@code parameters} are its widget values. */
    ExecutionContext create(String language, Map<String, String> parameters) {
        Interpreters.requireKnown(language);
        ExecutionContext context = new ExecutionContext(newId(), language, root.newSession(), parameters,
                interpreters, libraries, platform);
        contexts.put(context.id(), context);
        LOG.debug("Created execution context {}", context.id());
        return context;
    }

    ExecutionContext context(String id) {
        ExecutionContext context = contexts.get(id);
        if (context == null) {
            throw ApiException.notFound("Execution context " + id);
        }
        return context;
    }

    /** Removes the context, cancelling whatever it still has queued or running. */
    void destroy(String id) {
        close(context(id));
        contexts.remove(id);
    }

    private void close(ExecutionContext context) {
        for (Command command : context.commands()) {
            commands.remove(command.id());
            cancelInBackground(command);
        }
        context.close();
    }

    /**
     * Queues a command in any of the known languages ({@code %fs} commands in any language run as {@code fs});
     * {@code parameters} overlay the context's for it. The caller runs {@link ExecutionContext.Submitted#runHere} when
     * it is set (see {@link ExecutionContext#submit}).
     */
    ExecutionContext.Submitted execute(String contextId, String language, String code, int maxRows,
            Map<String, String> parameters) {
        Interpreters.requireKnown(language);
        String runAs = FsMagic.isFsCommand(code) ? "fs" : language;
        ExecutionContext.Submitted submitted = context(contextId).submit(newId(), runAs, code, maxRows, parameters);
        commands.put(submitted.command().id(), submitted.command());
        return submitted;
    }

    /** Queues a notebook-scoped install in the context (see {@link LibraryInstall}). */
    Command install(String contextId, List<Path> jars, List<Path> pythonPaths, String summary, String failure) {
        ExecutionContext context = context(contextId);
        Command command = context.submitInstall(newId(),
                new LibraryInstall(context, jars, pythonPaths, summary, failure));
        commands.put(command.id(), command);
        return command;
    }

    Command command(String id) {
        Command command = commands.get(id);
        if (command == null) {
            throw ApiException.notFound("Command " + id);
        }
        return command;
    }

    void cancel(String commandId) {
        cancelInBackground(command(commandId));
    }

    /** Destroys every context; used when the agent shuts down. */
    void closeAll() {
        contexts.values().removeIf(context -> {
            close(context);
            return true;
        });
        cancellers.shutdownNow();
    }

    private void cancelInBackground(Command command) {
        if (command.status().isFinal()) {
            return;
        }
        cancellers.execute(() -> {
            try {
                command.cancel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
