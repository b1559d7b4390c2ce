package org.brickworks.agent;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
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
 * language at creation), its widgets, and one worker thread that runs its commands in submission order, one at a time.
 * Fast path: a SQL command submitted while the context is idle runs on the submitting thread instead (after it has
 * answered its request), which saves a thread hand-off per short query; whatever is submitted meanwhile queues
 * behind it and goes to the worker.
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
    private final Deque<Runnable> queue = new ArrayDeque<>(); // guarded by this
    private boolean busy; // guarded by this: a thread runs the context's tasks (the worker, or a fast-path submitter)

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
        schedule(this::startOwnInterpreter, false);
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

    /**
     * Queues a command behind the context's earlier ones; its parameters overlay the context's. When the context is
     * idle and the command is SQL, the command is not queued: {@link Submitted#runHere} is set and the caller must
     * run it (once, soon); until it has, later commands wait behind it.
     */
    Submitted submit(String commandId, String commandLanguage, String code, int maxRows,
            Map<String, String> commandParameters) {
        Map<String, String> effective = new HashMap<>(parameters);
        effective.putAll(commandParameters);
        Command command = new Command(new CommandRun(commandId, code, maxRows, Map.copyOf(effective)),
                () -> interpreter(commandLanguage), this, session);
        commands.add(command);
        return new Submitted(command, schedule(command::run, "sql".equals(commandLanguage)));
    }

    /** A submitted command, and what runs it when the submitter has to ({@code runHere}, else null). */
    record Submitted(Command command, Runnable runHere) {
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
        schedule(command::run, false);
        return command;
    }

    /** The context's interpreter of a language, started on first use; one command at a time calls it. */
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

    /** Runs the task after the context's earlier ones: returns it to run on the caller's thread when allowed and idle. */
    private synchronized Runnable schedule(Runnable task, boolean mayRunHere) {
        if (!busy && mayRunHere) {
            busy = true;
            return () -> runHere(task);
        }
        queue.add(task);
        if (!busy) {
            busy = true;
            worker.execute(this::drain);
        }
        return null;
    }

    private void runHere(Runnable task) {
        Thread thread = Thread.currentThread();
        ClassLoader loader = thread.getContextClassLoader();
        thread.setContextClassLoader(libraries.classLoader());
        try {
            task.run();
        } finally {
            thread.setContextClassLoader(loader);
            SparkSession.clearActiveSession(); // this thread serves other requests and contexts next
            handOn();
        }
    }

    /** The worker's step: the oldest queued task, then the rest of the queue (even when the task killed the thread). */
    private void drain() {
        Runnable next;
        synchronized (this) {
            next = queue.poll();
        }
        try {
            if (next != null) {
                next.run();
            }
        } finally {
            handOn();
        }
    }

    /** After a task: the worker takes the next queued one, or the context is idle. */
    private synchronized void handOn() {
        if (queue.isEmpty()) {
            busy = false;
        } else if (!worker.isShutdown()) {
            worker.execute(this::drain);
        }
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
