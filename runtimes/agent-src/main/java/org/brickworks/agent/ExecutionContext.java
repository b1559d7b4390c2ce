package org.brickworks.agent;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An execution context: its own SparkSession (temporary views and SQL conf are private to it, tables are shared),
 * shared by its SQL and Scala commands, one interpreter per language started on first use (the context's own
 * language at creation), its widgets, and one worker thread that runs its commands in submission order.
 */
final class ExecutionContext {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionContext.class);

    private final String id;
    private final String language;
    private final SparkSession session;
    private final Map<String, String> parameters;
    private final Interpreters interpreters;
    private final ContextLibraries libraries;
    private final Widgets widgets = new Widgets();
    private final DbUtils dbutils;
    private final Map<String, Interpreter> started = new ConcurrentHashMap<>();
    private final ExecutorService worker;
    private final List<Command> commands = new CopyOnWriteArrayList<>();

    ExecutionContext(String id, String language, SparkSession session, Map<String, String> parameters,
            Interpreters interpreters, ClusterLibraries clusterLibraries, PlatformCallback platform) {
        this.id = id;
        this.language = language;
        this.session = session;
        this.parameters = Map.copyOf(parameters);
        this.interpreters = interpreters;
        this.dbutils = new DbUtils(widgets,
                new DbfsUtils(() -> session.sparkContext().hadoopConfiguration(), platform),
                new DbUtils.Notebook(id, platform));
        this.libraries = new ContextLibraries(id, clusterLibraries);
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "brickworks-context-" + id);
            thread.setDaemon(true);
            // Spark's Utils.classForName (SQL functions, UDFs) finds the context's libraries through it.
            thread.setContextClassLoader(libraries.classLoader());
            return thread;
        });
        // The context's own interpreter starts now, so the first command does not wait for it alone.
        worker.execute(this::startOwnInterpreter);
    }

    String id() {
        return id;
    }

    String language() {
        return language;
    }

    SparkSession session() {
        return session;
    }

    Widgets widgets() {
        return widgets;
    }

    /** The context's {@code dbutils}, shared by its Scala and Python cells. */
    DbUtils dbutils() {
        return dbutils;
    }

    ContextLibraries libraries() {
        return libraries;
    }

    /** Queues a command behind the context's earlier ones; its parameters overlay the context's. */
    Command submit(String commandId, String commandLanguage, String code, int maxRows,
            Map<String, String> commandParameters) {
        Map<String, String> effective = new HashMap<>(parameters);
        effective.putAll(commandParameters);
        return queue(new Command(new CommandRun(commandId, code, maxRows, Map.copyOf(effective)),
                () -> interpreter(commandLanguage), this, session));
    }

    /** Queues a notebook-scoped install ({@link LibraryInstall}) behind the context's earlier commands. */
    Command submitInstall(String commandId, LibraryInstall install) {
        return queue(new Command(new CommandRun(commandId, "", 0, parameters), () -> install, this, session));
    }

    /**
     * Adds notebook-scoped libraries; a running Scala REPL is closed when jars are new, so the next Scala command
     * starts one that compiles against them (a compiler keeps the classes it has read: it cannot take a new version).
     * Called on the worker thread only.
     *
     * @return whether the context's Scala REPL was closed
     */
    boolean addLibraries(List<Path> jars, List<Path> pythonPaths) {
        if (libraries.add(jars, pythonPaths) == 0) {
            return false;
        }
        Interpreter scala = started.remove("scala");
        if (scala != null) {
            scala.close();
        }
        return scala != null;
    }

    private Command queue(Command command) {
        commands.add(command);
        worker.execute(command::run);
        return command;
    }

    /** The context's interpreter of a language, started on first use; called on the worker thread only. */
    Interpreter interpreter(String commandLanguage) throws Exception {
        Interpreter interpreter = started.get(commandLanguage);
        if (interpreter == null) {
            interpreter = interpreters.start(commandLanguage, this);
            started.put(commandLanguage, interpreter);
        }
        return interpreter;
    }

    /** The class loader of the context's Scala cells, null before its first Scala command. */
    ClassLoader replClassLoader() {
        return started.get("scala") instanceof ScalaInterpreter scala ? scala.classLoader() : null;
    }

    /** The commands submitted so far, oldest first. */
    List<Command> commands() {
        return List.copyOf(commands);
    }

    /** Stops the worker thread and the interpreters; callers cancel the commands first. */
    void close() {
        worker.shutdownNow();
        started.values().forEach(Interpreter::close);
        started.clear();
    }

    private void startOwnInterpreter() {
        try {
            interpreter(language);
        } catch (Exception | LinkageError e) {
            // The first command in the language tries again and reports the failure as its result.
            LOG.warn("The {} interpreter of context {} did not start", language, id, e);
        }
    }
}
