package org.brickworks.execution.api;

import java.util.Map;
import java.util.Optional;

import org.brickworks.execution.api.dto.CommandStatus;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Commands on a running cluster, Databricks' Command Execution API 1.2: a context is an isolated session on the
 * cluster's driver whose commands run one after another, in any language the {@link LanguageRegistry} has now. A
 * context has one SparkSession shared by its SQL and Scala commands (temporary views cross between them) and one
 * interpreter per language, started on first use; definitions persist across a context's commands. A language that
 * runs on the platform ({@link CellLanguage.Placement#PLATFORM}, such as {@code md}) answers without the driver.
 * <p>
 * Results keep Databricks' shapes ({@link org.brickworks.execution.api.dto.CommandResult}): tables of at most 1,000
 * rows (then {@code truncated}), text (the output and echoed value), errors (a one-line summary with the compiler's
 * message and line or the exception, and the cause). {@code dbutils.notebook.exit(value)} ends a command
 * {@code Finished} with a text result that {@linkplain org.brickworks.execution.api.dto.TextResult#notebookExit()
 * exits the notebook}. A command that a registered {@link NotebookLibraryResolver} takes ({@code %pip install ...},
 * {@code %mvn install ...}) adds its files to that context only, as a command of the context.
 * <p>
 * A context belongs to the user who created it ({@link #createContext(String, String, Map, String)}): its
 * {@code dbutils.secrets} calls have that user's rights, and every result of its commands (text, table cells, error
 * summary and cause) shows each secret value that user may read as {@code [REDACTED]}. Callers let only that user
 * (or an administrator) use the context ({@link #contextUser}).
 * <p>
 * Widgets: {@code dbutils.widgets.get(name)} answers the command's parameter of that name, else the context's, else
 * the widget's default. Every call on a cluster counts as its activity for autotermination. Thread-safe; every call is
 * one short request to the driver (a status request may wait on it, up to {@code waitMillis}).
 *
 * @throws org.brickworks.core.api.BrickworksException
 *             from every method: {@code RESOURCE_DOES_NOT_EXIST} for an unknown cluster, context or command;
 *             {@code INVALID_STATE} when the cluster is not RUNNING; {@code INVALID_PARAMETER_VALUE} for a language
 *             that is not installed (the message lists those that are) or an empty command;
 *             {@code TEMPORARILY_UNAVAILABLE} when the driver does not answer
 */
@ProviderType
public interface CommandExecution {

    /**
     * Creates a context on the cluster's driver whose commands see {@code parameters} as widget values; its language
     * is one that runs on the driver ({@code INVALID_PARAMETER_VALUE} for a platform language, whose commands run in
     * any context).
     */
    String createContext(String clusterId, String language, Map<String, String> parameters);

    /**
     * As {@link #createContext(String, String, Map)}, for {@code user}: the context's {@code dbutils.secrets} calls
     * have that user's rights and its results are redacted with that user's secrets. The context without a user of
     * the three-argument form reads no secrets.
     *
     * @since 2.1
     */
    default String createContext(String clusterId, String language, Map<String, String> parameters, String user) {
        return createContext(clusterId, language, parameters);
    }

    /**
     * The user who created the context, empty for a context of no user; {@code RESOURCE_DOES_NOT_EXIST} for a context
     * the cluster does not have.
     *
     * @since 2.1
     */
    default Optional<String> contextUser(String clusterId, String contextId) {
        return Optional.empty();
    }

    /** {@code Running}: contexts are ready as soon as they exist. */
    String contextStatus(String clusterId, String contextId);

    /** Destroys the context; its queued and running commands are cancelled. */
    void destroyContext(String clusterId, String contextId);

    /**
     * Queues {@code command} in the context after its earlier commands, with widget values overriding the context's
     * for this command; returns the command's id.
     */
    String execute(String clusterId, String contextId, String language, String command,
            Map<String, String> parameters);

    /** The command's status, waiting up to {@code waitMillis} (0: a snapshot; at most 60,000) for it to end. */
    CommandStatus status(String clusterId, String contextId, String commandId, long waitMillis);

    /** Asks the command to stop; returns at once, its status turns {@code Cancelled}. */
    void cancel(String clusterId, String contextId, String commandId);
}
