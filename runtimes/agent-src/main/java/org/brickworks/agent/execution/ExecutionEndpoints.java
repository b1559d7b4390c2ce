package org.brickworks.agent.execution;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.brickworks.agent.http.ApiException;
import org.brickworks.agent.http.JsonExchange;
import org.brickworks.agent.http.Routes;
import org.brickworks.agent.protocol.AgentPaths;
import org.brickworks.agent.protocol.CommandStatus;
import org.brickworks.agent.protocol.ContextInfo;
import org.brickworks.agent.protocol.ContextInstall;
import org.brickworks.agent.protocol.CreateContext;
import org.brickworks.agent.protocol.Execute;
import org.brickworks.agent.protocol.Id;

/**
 * The context and command endpoints: protocol requests to {@link ExecutionContexts} calls, their answers back to
 * protocol records. A status request may long-poll with {@value AgentPaths#WAIT_MILLIS}.
 */
public final class ExecutionEndpoints {

    private static final String RUNNING = "Running";

    private final ExecutionContexts contexts;
    /** Runs fast-path commands whose request waits for them ({@link Execute#waitMillis()}). */
    private final ExecutorService runners = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "brickworks-command");
        thread.setDaemon(true);
        return thread;
    });

    public ExecutionEndpoints(ExecutionContexts contexts) {
        this.contexts = contexts;
    }

    public void addTo(Routes routes) {
        String context = AgentPaths.context(Routes.ID);
        String command = AgentPaths.command(Routes.ID);
        routes.add("POST", AgentPaths.CONTEXTS, (exchange, id) -> create(exchange.body(CreateContext.class)))
                .add("GET", context, (exchange, id) -> info(contexts.context(id)))
                .add("DELETE", context, (exchange, id) -> destroy(id))
                .add("POST", AgentPaths.contextLibraries(Routes.ID),
                        (exchange, id) -> new Id(contexts.install(id, exchange.body(ContextInstall.class)).id()))
                .add("POST", AgentPaths.COMMANDS, (exchange, id) -> execute(exchange))
                .add("GET", command,
                        (exchange, id) -> status(contexts.command(exchange.query(AgentPaths.CONTEXT_ID), id),
                                Math.min(Math.max(exchange.queryLong(AgentPaths.WAIT_MILLIS, 0), 0),
                                        AgentPaths.MAX_STATUS_WAIT_MILLIS)))
                .add("POST", AgentPaths.commandCancel(Routes.ID), (exchange, id) -> cancel(id));
    }

    private Id create(CreateContext request) throws IOException {
        return new Id(contexts.create(languageOf(request.language()), request.parameters(), request.user()).id());
    }

    private static ContextInfo info(ExecutionContext context) {
        return new ContextInfo(context.id(), RUNNING, context.language(), context.user());
    }

    private Id destroy(String id) {
        contexts.destroy(id);
        return new Id(id);
    }

    /**
     * Answers the command's status at once, or with {@link Execute#waitMillis()} (at most a second) after the command
     * ended or that time passed, so that a short command needs no second request.
     */
    private CommandStatus execute(JsonExchange exchange) throws IOException, InterruptedException {
        Execute request = exchange.body(Execute.class);
        if (request.contextId() == null || request.contextId().isEmpty()) {
            throw ApiException.invalid("contextId is required");
        }
        if (request.command() == null) {
            throw ApiException.invalid("command is required");
        }
        int maxRows = Objects.requireNonNullElse(request.maxRows(), Execute.DEFAULT_MAX_ROWS);
        if (maxRows < 0) {
            throw ApiException.invalid("maxRows must not be negative");
        }
        long waitMillis = Math.min(Math.max(request.waitMillis(), 0), AgentPaths.MAX_EXECUTE_WAIT_MILLIS);
        ExecutionContext.Submitted submitted = contexts.execute(request.contextId(), languageOf(request.language()),
                request.command(), maxRows, request.parameters());
        if (submitted.runHere() != null) {
            if (waitMillis == 0) {
                // The client has its id before the command starts, as with a queued command.
                exchange.afterResponse(submitted.runHere());
            } else {
                // Not on this thread: the answer must come after waitMillis even when the command runs on.
                runners.execute(submitted.runHere());
            }
        }
        return status(submitted.command(), waitMillis);
    }

    private static CommandStatus status(Command command, long waitMillis) throws InterruptedException {
        command.awaitCompletion(Duration.ofMillis(waitMillis));
        return command.status();
    }

    /** Answers at once; the status turns {@code Cancelled}. */
    private Id cancel(String id) {
        contexts.cancel(id);
        return new Id(id);
    }

    private static String languageOf(String language) {
        return language == null ? Execute.DEFAULT_LANGUAGE : language;
    }
}
