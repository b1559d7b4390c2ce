package org.brickworks.clusters.internal;

import java.util.List;

import org.brickworks.clusters.api.ClusterService;
import org.brickworks.clusters.api.dto.ClusterEvent;
import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.EventPage;
import org.brickworks.clusters.api.dto.EventQuery;
import org.brickworks.clusters.api.dto.ClusterState;
import org.brickworks.clusters.api.dto.NodeType;
import org.brickworks.clusters.api.dto.TerminationReason;
import org.brickworks.core.api.Awaiting;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.runtimes.api.RuntimeRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Clusters API over the {@link DriverFleet}: specs checked against the runtimes and the launchers' node types,
 * state changes recorded through the {@link ClusterLifecycle} state machine, drivers started and stopped in the
 * background. A cluster created on an instance pool takes one of its ready drivers when one fits.
 */
@Component(service = ClusterService.class)
public class ClusterManager implements ClusterService {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterManager.class);
    private static final TerminationReason USER_REQUEST = new TerminationReason("USER_REQUEST", "SUCCESS",
            "Terminated by a user request");

    private final DriverFleet fleet;
    private final ClusterRecords records;
    private final RuntimeRegistry runtimes;
    private ServiceTracker<RuntimeRegistry, RuntimeRegistry> runtimesTracker;

    @Activate
    public ClusterManager(@Reference DriverFleet fleet, BundleContext context) {
        this(fleet, DriverFleet.opened(new ServiceTracker<>(context, RuntimeRegistry.class, null)));
    }

    /** The runtimes are tracked, not referenced, so that an update of their bundle does not restart this. */
    private ClusterManager(DriverFleet fleet, ServiceTracker<RuntimeRegistry, RuntimeRegistry> runtimes) {
        this(fleet, Awaiting.proxy(runtimes, RuntimeRegistry.class, "runtimes"));
        this.runtimesTracker = runtimes;
    }

    ClusterManager(DriverFleet fleet, RuntimeRegistry runtimes) {
        this.fleet = fleet;
        this.records = fleet.records();
        this.runtimes = runtimes;
    }

    @Override
    public String create(ClusterSpec requested) {
        return create(requested, ClusterInfo.API);
    }

    @Override
    public String create(ClusterSpec requested, String clusterSource) {
        return create(requested, clusterSource, null);
    }

    @Override
    public String create(ClusterSpec requested, String clusterSource, String creator) {
        ClusterSpec spec = validated(requested);
        InstancePools.Taken taken = spec.instancePoolId() == null ? null : fleet.pools().take(spec);
        String clusterId = taken == null ? ClusterIds.next() : taken.clusterId();
        records.insert(ClusterLifecycle.pending(clusterId, spec, System.currentTimeMillis(), clusterSource, creator),
                "CREATING",
                "Cluster " + spec.clusterName() + " on " + spec.sparkVersion());
        LOG.info("Cluster {} ({}) created on {}", clusterId, spec.clusterName(), spec.sparkVersion());
        if (taken != null && taken.driver() != null) {
            fleet.pools().attach(clusterId, taken.driver());
        } else {
            fleet.runner().start(clusterId, spec);
        }
        return clusterId;
    }

    @Override
    public void edit(String clusterId, ClusterSpec requested) {
        ClusterSpec spec = validated(requested);
        fleet.awaitAdoption();
        ClusterInfo edited = records.move(clusterId, c -> c.state() == ClusterState.RUNNING
                ? ClusterLifecycle.restarting(c, spec)
                : ClusterLifecycle.edited(c, spec), "EDITED", "Spec changed: " + describe(spec))
                .orElseThrow(() -> notFound(clusterId));
        if (edited.state() != ClusterState.TERMINATED) {
            fleet.activity().forget(clusterId);
            fleet.runner().restart(clusterId, spec);
        }
    }

    @Override
    public void start(String clusterId) {
        ClusterInfo cluster = records.move(clusterId,
                c -> ClusterLifecycle.restarted(ClusterLifecycle.require(c, ClusterState.TERMINATED, "started")),
                "STARTING", "Started by a user").orElseThrow(() -> notFound(clusterId));
        fleet.runner().start(clusterId, cluster.spec());
    }

    @Override
    public void restart(String clusterId) {
        fleet.awaitAdoption();
        ClusterInfo cluster = records.move(clusterId,
                c -> ClusterLifecycle.restarting(ClusterLifecycle.require(c, ClusterState.RUNNING, "restarted"),
                        c.spec()),
                "RESTARTING", "Restarted by a user").orElseThrow(() -> notFound(clusterId));
        fleet.activity().forget(clusterId);
        fleet.runner().restart(clusterId, cluster.spec());
    }

    @Override
    public void pin(String clusterId, boolean pinned) {
        records.move(clusterId, c -> c.pinned() == pinned ? null : ClusterLifecycle.pinned(c, pinned),
                pinned ? "PINNED" : "UNPINNED", "").orElseThrow(() -> notFound(clusterId));
    }

    @Override
    public List<NodeType> nodeTypes() {
        return fleet.launchers().nodeTypes();
    }

    @Override
    public ClusterInfo get(String clusterId) {
        ClusterInfo cluster = stored(clusterId);
        return cluster.state() == ClusterState.RUNNING && cluster.spec().maxWorkers() > 0
                ? cluster.withExecutors(fleet.executors(clusterId))
                : cluster;
    }

    @Override
    public List<ClusterInfo> list() {
        return records.list();
    }

    @Override
    public void terminate(String clusterId) {
        fleet.awaitAdoption();
        fleet.terminate(clusterId, USER_REQUEST);
    }

    @Override
    public void permanentDelete(String clusterId) {
        terminate(clusterId);
        records.delete(clusterId);
        LOG.info("Cluster {} permanently deleted", clusterId);
    }

    @Override
    public List<ClusterEvent> events(String clusterId) {
        stored(clusterId);
        return records.events(clusterId);
    }

    @Override
    public EventPage events(String clusterId, EventQuery query) {
        stored(clusterId);
        return records.events(clusterId, query);
    }

    /** The log's secret values (those the cluster's creator may read) are shown as {@code [REDACTED]}. */
    @Override
    public String driverLog(String clusterId, int maxBytes) {
        stored(clusterId);
        return fleet.redacted(clusterId, DriverLogTail
                .read(fleet.clustersFolder().resolve(clusterId).resolve(DriverFolder.DRIVER_LOG), maxBytes));
    }

    /** The spec with its node type filled in: the pool's, the given one, or the default. */
    private ClusterSpec validated(ClusterSpec requested) {
        ClusterValidation.validate(requested);
        runtimes.get(requested.sparkVersion());
        String nodeType = requested.nodeTypeId();
        if (requested.instancePoolId() != null) {
            String poolNodeType = fleet.pools().get(requested.instancePoolId()).nodeTypeId();
            if (nodeType != null && !nodeType.equals(poolNodeType)) {
                throw BrickworksException.invalidParameter("node_type_id " + nodeType + " differs from the node type "
                        + poolNodeType + " of instance pool " + requested.instancePoolId());
            }
            nodeType = poolNodeType;
        }
        return requested.withNodeTypeId(fleet.launchers().nodeType(nodeType).nodeTypeId());
    }

    private static String describe(ClusterSpec spec) {
        return spec.sparkVersion() + ", " + spec.nodeTypeId() + ", "
                + (spec.autoscale() == null ? spec.numWorkers() + " workers"
                        : spec.autoscale().minWorkers() + "-" + spec.autoscale().maxWorkers() + " workers");
    }

    /** The cluster as the store has it (without asking its driver for executors). */
    private ClusterInfo stored(String clusterId) {
        return records.find(clusterId).orElseThrow(() -> notFound(clusterId));
    }

    private static BrickworksException notFound(String clusterId) {
        return BrickworksException.notFound("Cluster " + clusterId + " does not exist");
    }

    @Deactivate
    void deactivate() {
        if (runtimesTracker != null) {
            runtimesTracker.close();
        }
    }
}
