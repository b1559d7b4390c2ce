package org.brickworks.clusters.api;

import org.brickworks.clusters.api.dto.CommandResult;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Commands on a running cluster, Databricks' Command Execution API 1.2: a context is an isolated session on the
 * cluster's driver, its commands run one after another. Only {@code sql} is supported yet. Thread-safe; every call is
 * one short request to the driver (a status request may wait on it, up to {@code waitMillis}).
 *
 * @throws org.brickworks.core.api.BrickworksException
 *             from every method: {@code RESOURCE_DOES_NOT_EXIST} for an unknown cluster, context or command;
 *             {@code INVALID_STATE} when the cluster is not RUNNING; {@code INVALID_PARAMETER_VALUE} for an
 *             unsupported language or an empty command
 */
@ProviderType
public interface CommandExecution {

    /** Creates a context on the cluster's driver; returns its id. */
    String createContext(String clusterId, String language);

    /** {@code Running} (contexts are ready at once; {@code Pending} and {@code Error} are not used yet). */
    String contextStatus(String clusterId, String contextId);

    /** Destroys the context; its queued and running commands are cancelled. */
    void destroyContext(String clusterId, String contextId);

    /** Queues {@code command} in the context, after its earlier commands; returns the command's id. */
    String execute(String clusterId, String contextId, String language, String command);

    /**
     * The command's status, waiting up to {@code waitMillis} (0: a snapshot, at most 60000) for it to complete.
     */
    CommandResult status(String clusterId, String contextId, String commandId, long waitMillis);

    /** Asks the command to stop; returns at once, its status turns {@code Cancelled}. */
    void cancel(String clusterId, String contextId, String commandId);
}
