package org.brickworks.agent.execution;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.brickworks.agent.http.ApiException;
import org.brickworks.agent.protocol.ContextInstall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's execution contexts and their commands, by id. Contexts are sessions of the one root SparkSession, each
 * with its interpreters. Cancellation runs on its own threads so a cancel request returns at once. Thread-safe.
 */
public final class ExecutionContexts {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionContexts.class);

    private final ContextSetup setup;
    private final Map<String, ExecutionContext> contexts = new ConcurrentHashMap<>();
    private final Map<String, Command> commands = new ConcurrentHashMap<>();
    private final ExecutorService cancellers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "brickworks-cancel");
        thread.setDaemon(true);
        return thread;
    });

    public ExecutionContexts(ContextSetup setup) {
        this.setup = setup;
    }

    /**
     * A new context whose own language's interpreter starts at once; {@code parameters} are its widget values,
     * {@code user} the platform user who owns it (null for none).
     */
    ExecutionContext create(String language, Map<String, String> parameters, String user) throws IOException {
        setup.interpreters().requireKnown(language);
        ExecutionContext context = new ExecutionContext(setup, newId(), language, parameters, user);
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
     * Queues a command in any of the known languages, or in the one its magic names ({@link CellMagic});
     * {@code parameters} overlay the context's for it. The caller runs {@link ExecutionContext.Submitted#runHere}
     * when it is set (see {@link ExecutionContext#submit}).
     */
    ExecutionContext.Submitted execute(String contextId, String language, String code, int maxRows,
            Map<String, String> parameters) {
        Interpreters interpreters = setup.interpreters();
        interpreters.requireKnown(language);
        ExecutionContext context = context(contextId);
        CellMagic routed = CellMagic.route(language, code, interpreters::isKnown);
        ExecutionContext.Submitted submitted = context.submit(newId(), routed.language(), routed.code(), maxRows,
                parameters);
        commands.put(submitted.command().id(), submitted.command());
        return submitted;
    }

    /** Queues a notebook-scoped install in the context (see {@link LibraryInstall}). */
    Command install(String contextId, ContextInstall install) {
        ExecutionContext context = context(contextId);
        Command command = context.submitInstall(newId(), new LibraryInstall(context, install));
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

    /** Command {@code id} of context {@code contextId} (any context's when null). */
    Command command(String contextId, String id) {
        Command command = command(id);
        if (contextId != null && !contextId.equals(command.contextId())) {
            throw ApiException.notFound("Command " + id + " of context " + contextId);
        }
        return command;
    }

    void cancel(String commandId) {
        cancelInBackground(command(commandId));
    }

    /** Languages that are gone: every context closes its interpreters of them (see {@link ExecutionContext#retire}). */
    public void retire(Set<String> languages) {
        contexts.values().forEach(context -> context.retire(languages));
    }

    /** Destroys every context; used when the agent shuts down. */
    public void closeAll() {
        contexts.values().removeIf(context -> {
            close(context);
            return true;
        });
        cancellers.shutdownNow();
    }

    private void cancelInBackground(Command command) {
        if (command.isFinal()) {
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
