package org.brickworks.agent.execution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.spark.sql.SparkSession;
import org.brickworks.agent.dbutils.DbUtils;
import org.brickworks.agent.libraries.ContextLibraries;
import org.brickworks.agent.protocol.CellCommand;
import org.brickworks.agent.protocol.CellInterpreter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An execution context: its own SparkSession (temporary views and SQL conf are private to it, tables are shared),
 * shared by its SQL and Scala commands, one interpreter per language started on first use (the context's own
 * language at creation), its {@code dbutils}, its libraries, a working directory of its own (deleted with it), and a
 * {@link CommandQueue} that runs its commands in submission order, one at a time.
 */
final class ExecutionContext implements InterpreterContext {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionContext.class);

    private final String id;
    private final String language;
    private final String user;
    private final SparkSession session;
    private final Map<String, String> parameters;
    private final Interpreters interpreters;
    private final ContextLibraries libraries;
    private final DbUtils dbutils;
    private final Path workingDirectory;
    private final Map<String, CellInterpreter> started = new ConcurrentHashMap<>();
    private final CommandQueue queue;
    private final List<Command> commands = new CopyOnWriteArrayList<>();
    private volatile ClassLoader cellClassLoader;

    ExecutionContext(ContextSetup setup, String id, String language, Map<String, String> parameters, String user)
            throws IOException {
        this.id = id;
        this.language = language;
        this.user = user;
        this.session = setup.root().newSession();
        this.parameters = Map.copyOf(parameters);
        this.interpreters = setup.interpreters();
        this.workingDirectory = Files.createDirectories(setup.directory().resolve(id));
        this.dbutils = DbUtils.of(id, () -> session.sparkContext().hadoopConfiguration(), setup.platform());
        this.libraries = new ContextLibraries(id, setup.libraries());
        this.queue = new CommandQueue(id, libraries.classLoader());
        // The context's own interpreter starts now, so the first command does not wait for it alone.
        queue.schedule(this::startOwnInterpreter, false);
    }

    String id() {
        return id;
    }

    String language() {
        return language;
    }

    /** The platform user who owns the context, null for none. */
    String user() {
        return user;
    }

    @Override
    public String contextId() {
        return id;
    }

    @Override
    public Path workingDirectory() {
        return workingDirectory;
    }

    @Override
    public SparkSession session() {
        return session;
    }

    @Override
    public DbUtils dbutils() {
        return dbutils;
    }

    @Override
    public ContextLibraries libraries() {
        return libraries;
    }

    @Override
    public void cellClassLoader(ClassLoader loader) {
        cellClassLoader = loader;
    }

    ClassLoader cellClassLoader() {
        return cellClassLoader;
    }

    /**
     * Queues a command behind the context's earlier ones; its parameters overlay the context's. When the context is
     * idle and the language allows it, the command is not queued: {@link Submitted#runHere} is set and the caller
     * must run it (once, soon); until it has, later commands wait behind it.
     */
    Submitted submit(String commandId, String commandLanguage, String code, int maxRows,
            Map<String, String> commandParameters) {
        Map<String, String> effective = new HashMap<>(parameters);
        effective.putAll(commandParameters);
        Command command = new Command(new CellCommand(commandId, code, maxRows, effective),
                new LanguageTarget(commandLanguage), this);
        commands.add(command);
        return new Submitted(command,
                queue.schedule(command::run, interpreters.mayRunOnSubmitter(commandLanguage)));
    }

    /** A submitted command, and what runs it when the submitter has to ({@code runHere}, else null). */
    record Submitted(Command command, Runnable runHere) {
    }

    /** Queues a notebook-scoped install ({@link LibraryInstall}) behind the context's earlier commands. */
    Command submitInstall(String commandId, LibraryInstall install) {
        Command command = new Command(new CellCommand(commandId, "", 0, parameters), () -> install, this);
        commands.add(command);
        queue.schedule(command::run, false);
        return command;
    }

    /**
     * Adds notebook-scoped libraries; when jars are new, the interpreters that cannot take them
     * ({@link RestartsOnNewJars}) are closed, and the next command of their language starts one that compiles against
     * them. Called on the worker thread only.
     *
     * @return whether an interpreter was closed
     */
    boolean addLibraries(List<Path> jars, List<Path> pythonPaths) {
        if (libraries.add(jars, pythonPaths) == 0) {
            return false;
        }
        return closeWhere((name, interpreter) -> interpreter instanceof RestartsOnNewJars);
    }

    /**
     * Closes the context's interpreters of languages that were removed, after the commands queued before (which may
     * still use them); commands of those languages queued since fail as a language the agent does not run.
     */
    void retire(Set<String> languages) {
        queue.schedule(() -> closeWhere((name, interpreter) -> languages.contains(name)), false);
    }

    /** The commands submitted so far, oldest first. */
    List<Command> commands() {
        return List.copyOf(commands);
    }

    /** Stops the worker thread and the interpreters, and deletes the working directory; cancel the commands first. */
    void close() {
        queue.shutdown();
        started.values().forEach(CellInterpreter::close);
        started.clear();
        Folders.delete(workingDirectory);
    }

    private boolean closeWhere(java.util.function.BiPredicate<String, CellInterpreter> which) {
        boolean closed = false;
        for (Map.Entry<String, CellInterpreter> entry : Map.copyOf(started).entrySet()) {
            if (which.test(entry.getKey(), entry.getValue()) && started.remove(entry.getKey(), entry.getValue())) {
                entry.getValue().close();
                closed = true;
            }
        }
        return closed;
    }

    /** The interpreter of a language, started on first use; one command at a time asks for it. */
    private final class LanguageTarget implements Command.Target {
        private final String commandLanguage;

        LanguageTarget(String commandLanguage) {
            this.commandLanguage = commandLanguage;
        }

        @Override
        public CellInterpreter interpreter() throws Exception {
            return interpreterOf(commandLanguage);
        }

        @Override
        public void failed(CellInterpreter broken) {
            if (started.remove(commandLanguage, broken)) {
                broken.close();
            }
        }
    }

    private CellInterpreter interpreterOf(String name) throws Exception {
        CellInterpreter interpreter = started.get(name);
        if (interpreter == null) {
            interpreters.requireKnown(name);
            interpreter = interpreters.start(name, this);
            started.put(name, interpreter);
        }
        return interpreter;
    }

    private void startOwnInterpreter() {
        try {
            interpreterOf(language);
        } catch (Exception | LinkageError e) {
            // The first command in the language tries again and reports the failure as its result.
            LOG.warn("The {} interpreter of context {} did not start", language, id, e);
        }
    }
}
