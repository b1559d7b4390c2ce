package org.brickworks.clusters.api;

import java.util.List;

import org.brickworks.clusters.api.dto.ClusterEvent;
import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.EventPage;
import org.brickworks.clusters.api.dto.EventQuery;
import org.brickworks.clusters.api.dto.NodeType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Spark clusters: each cluster is one driver process on a runtime version, moving through
 * {@link org.brickworks.clusters.api.dto.ClusterState}s PENDING, RUNNING, RESTARTING, RESIZING, TERMINATING and
 * TERMINATED as the Databricks Clusters API documents them. A RUNNING cluster with {@code autotermination_minutes}
 * terminates after that long without commands (reason {@code INACTIVITY}). Clusters
 * and their events are kept in the store. Thread-safe; calls that change a cluster return at once and the work
 * (resolving the runtime, starting or stopping the driver) continues on the service's own threads, visible through
 * {@link #get} and {@link #events}.
 */
@ProviderType
public interface ClusterService {

    /**
     * Creates a cluster and starts its driver in the background; the cluster is PENDING on return.
     *
     * @return the new cluster's id
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} for an unknown {@code spark_version} or {@code node_type_id} (the
     *             message names the node types there are),
     *             negative {@code num_workers} or a malformed {@code spark_conf}, {@code spark_env_vars} or
     *             {@code custom_tags}; nothing is created
     */
    String create(ClusterSpec spec);

    /**
     * {@link #create(ClusterSpec)} with a {@code cluster_source}: {@link ClusterInfo#JOB} for a job cluster.
     *
     * @since 2.1
     */
    String create(ClusterSpec spec, String clusterSource);

    /**
     * {@link #create(ClusterSpec, String)} for {@code creator}, who owns the cluster ({@code creator_user_name}).
     *
     * @since 2.2
     */
    String create(ClusterSpec spec, String clusterSource, String creator);

    /**
     * The node types a spec can name in {@code node_type_id}: every registered {@link ClusterLauncher}'s, smallest
     * (by memory, then cores, then id) first; the first is the default of a spec that names none.
     */
    List<NodeType> nodeTypes();

    /**
     * The cluster {@code clusterId}.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code RESOURCE_DOES_NOT_EXIST} for an unknown id (as every method taking an id)
     */
    ClusterInfo get(String clusterId);

    /** Every cluster not permanently deleted, newest first. */
    List<ClusterInfo> list();

    /**
     * Terminates the cluster: it turns TERMINATING at once, its driver is asked to shut down (and killed when it does
     * not), then it is TERMINATED with the reason {@code USER_REQUEST}. Terminating a TERMINATED cluster does nothing.
     */
    void terminate(String clusterId);

    /**
     * Changes a RUNNING or TERMINATED cluster's spec to {@code spec}. A TERMINATED cluster keeps its new spec for its
     * next start; a RUNNING one restarts on it (RESIZING when only its workers change, RESTARTING otherwise), so a new
     * {@code spark_version} moves it to that runtime. Other clusters are not touched.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code INVALID_STATE} in any other state, {@code INVALID_PARAMETER_VALUE} as {@link #create}; the
     *             cluster is unchanged
     */
    void edit(String clusterId, ClusterSpec spec);

    /**
     * Starts a TERMINATED cluster again on its spec: PENDING, then RUNNING.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code INVALID_STATE} when the cluster is not TERMINATED
     */
    void start(String clusterId);

    /**
     * Restarts a RUNNING cluster's driver (RESTARTING, then RUNNING): its Spark state and contexts are lost.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code INVALID_STATE} when the cluster is not RUNNING
     */
    void restart(String clusterId);

    /** Pins ({@code true}) or unpins the cluster: a pinned cluster stays listed however long ago it terminated. */
    void pin(String clusterId, boolean pinned);

    /** Terminates the cluster if needed and forgets it with its events. */
    void permanentDelete(String clusterId);

    /** The cluster's events, oldest first. */
    List<ClusterEvent> events(String clusterId);

    /**
     * The page of the cluster's events that {@code query} selects, in its order, with how many it selects in all.
     */
    EventPage events(String clusterId, EventQuery query);

    /**
     * The end of the cluster's driver log (the driver process's output), also after the cluster terminated: at most
     * {@code maxBytes} bytes, starting at a line boundary when the log is longer. Empty while the driver has written
     * nothing.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} when {@code maxBytes} is not positive
     */
    String driverLog(String clusterId, int maxBytes);
}
