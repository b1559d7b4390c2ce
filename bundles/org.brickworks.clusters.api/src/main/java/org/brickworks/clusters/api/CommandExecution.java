package org.brickworks.clusters.api;

import java.util.Map;
import java.util.Set;

import org.brickworks.clusters.api.dto.CommandResult;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Commands on a running cluster, Databricks' Command Execution API 1.2: a context is an isolated session on the
 * cluster's driver, its commands run one after another. Thread-safe; every call is one short request to the driver (a
 * status request may wait on it, up to {@code waitMillis}).
 * <p>
 * Languages ({@link #LANGUAGES}): {@code sql} (Spark SQL), {@code scala} (a Scala REPL of the context bound to
 * {@code spark}, {@code sc}, {@code dbutils}, {@code display(df)}), {@code python} (a CPython process of the context;
 * {@code spark} is a Spark Connect session where PySpark is installed, else raises an error saying how to install
 * it), {@code r} (an R process where R is installed, else an error result). A context has one SparkSession shared by
 * its SQL and Scala commands (temporary views cross between them) and one interpreter per language, started on first
 * use (the context's own language at creation); any language runs in any context. Definitions persist across a
 * context's commands.
 * <p>
 * Results ({@link CommandResult#results()}) keep Databricks' shapes: {@code table} (SQL, Scala {@code display(df)},
 * a Python pandas DataFrame as last expression or {@code display}; at most 1,000 rows, then {@code truncated}),
 * {@code text} ({@code data}: the command's output and echoed value) and {@code error} ({@code summary}: one line
 * with the compile error's line or the exception, {@code cause}: output and stack trace or traceback).
 * {@code dbutils.notebook.exit(value)} ends a command with status {@code Finished} and a {@code text} result whose
 * {@code data} is the value, marked {@code "notebookExit": true}.
 * <p>
 * Notebook-scoped libraries: a command that a registered {@link NotebookLibraryResolver} takes ({@code %pip install
 * ...} in Python, {@code %mvn install ...} in Scala) is resolved on the platform and adds its files to that context
 * only, as a command of the context whose result is text (or an error with the resolver's or pip's reason).
 * <p>
 * Widgets: {@code dbutils.widgets.get(name)} answers the run's parameter of that name, else the widget's default.
 * Parameters are given when creating the context (for all its commands) and per command (overriding the context's);
 * they are string to string.
 *
 * @throws org.brickworks.core.api.BrickworksException
 *             from every method: {@code RESOURCE_DOES_NOT_EXIST} for an unknown cluster, context or command;
 *             {@code INVALID_STATE} when the cluster is not RUNNING; {@code INVALID_PARAMETER_VALUE} for an
 *             unsupported language or an empty command
 */
@ProviderType
public interface CommandExecution {

    /**
     * The languages a context runs: {@code sql}, {@code scala}, {@code python}, {@code r}, and {@code fs}
     * ({@code dbutils.fs} commands as {@code %fs} cells write them: {@code ls /path}, {@code head}, {@code put},
     * {@code cp}, {@code mv}, {@code rm}, {@code mkdirs}, {@code mounts}; a command in any language whose text starts
     * with {@code %fs} runs as one too).
     */
    Set<String> LANGUAGES = Set.of("sql", "scala", "python", "r", "fs");

    /** Creates a context on the cluster's driver; returns its id. */
    String createContext(String clusterId, String language);

    /**
     * Creates a context whose commands see {@code parameters} as widget values; returns its id. An implementation
     * without parameters refuses non-empty ones.
     *
     * @since 1.4
     */
    default String createContext(String clusterId, String language, Map<String, String> parameters) {
        if (!parameters.isEmpty()) {
            throw new UnsupportedOperationException("parameters are not supported");
        }
        return createContext(clusterId, language);
    }

    /** {@code Running} (contexts are ready at once; {@code Pending} and {@code Error} are not used yet). */
    String contextStatus(String clusterId, String contextId);

    /** Destroys the context; its queued and running commands are cancelled. */
    void destroyContext(String clusterId, String contextId);

    /** Queues {@code command} in the context, after its earlier commands; returns the command's id. */
    String execute(String clusterId, String contextId, String language, String command);

    /**
     * Queues {@code command} with widget values that override the context's parameters for this command; returns the
     * command's id. An implementation without parameters refuses non-empty ones.
     *
     * @since 1.4
     */
    default String execute(String clusterId, String contextId, String language, String command,
            Map<String, String> parameters) {
        if (!parameters.isEmpty()) {
            throw new UnsupportedOperationException("parameters are not supported");
        }
        return execute(clusterId, contextId, language, command);
    }

    /**
     * The command's status, waiting up to {@code waitMillis} (0: a snapshot, at most 60000) for it to complete.
     */
    CommandResult status(String clusterId, String contextId, String commandId, long waitMillis);

    /** Asks the command to stop; returns at once, its status turns {@code Cancelled}. */
    void cancel(String clusterId, String contextId, String commandId);
}
