package org.brickworks.agent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.spark.sql.SparkSession;

/**
 * An execution context: its own SparkSession (temporary views and SQL conf are private to it, tables are shared) and
 * one worker thread that runs its commands in submission order.
 */
final class ExecutionContext {

    private final String id;
    private final String language;
    private final SparkSession session;
    private final ExecutorService worker;
    private final List<Command> commands = new CopyOnWriteArrayList<>();

    ExecutionContext(String id, String language, SparkSession session) {
        this.id = id;
        this.language = language;
        this.session = session;
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "brickworks-context-" + id);
            thread.setDaemon(true);
            return thread;
        });
    }

    String id() {
        return id;
    }

    String language() {
        return language;
    }

    /** Queues a command behind the context's earlier ones. */
    Command submit(String commandId, String sql, int maxRows) {
        Command command = new Command(commandId, sql, maxRows, session);
        commands.add(command);
        worker.execute(command::run);
        return command;
    }

    /** The commands submitted so far, oldest first. */
    List<Command> commands() {
        return List.copyOf(commands);
    }

    /** Stops the worker thread; callers cancel the commands first. */
    void close() {
        worker.shutdownNow();
    }
}
