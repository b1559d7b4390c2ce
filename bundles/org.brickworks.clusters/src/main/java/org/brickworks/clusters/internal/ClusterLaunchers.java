package org.brickworks.clusters.internal;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import org.brickworks.clusters.api.ClusterLauncher;
import org.brickworks.clusters.api.dto.NodeType;
import org.brickworks.clusters.api.dto.TerminationReason;
import org.brickworks.core.api.BrickworksException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ClusterLauncher} whiteboard: launchers by {@value ClusterLauncher#TYPE_PROPERTY} and the node types each
 * offers, so that a cluster's node type picks its launcher. A launcher without a name, one whose node types cannot be
 * read, and a node type another launcher offers already are logged and skipped. Remembers which launcher offered a
 * node type after it went away, so that the clusters left without one can be told which. Thread-safe.
 */
final class ClusterLaunchers {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterLaunchers.class);
    /** Smallest first: the first is the default of a spec without a node type. */
    private static final Comparator<NodeType> SMALLEST_FIRST = Comparator.comparingInt(NodeType::memoryMb)
            .thenComparingInt(NodeType::numCores).thenComparing(NodeType::nodeTypeId);

    /** A node type and the launcher that starts drivers on it. */
    record Offer(String launcherName, ClusterLauncher launcher, NodeType nodeType) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, ClusterLauncher> launchers = new LinkedHashMap<>();
    private final Map<String, Offer> offers = new LinkedHashMap<>();
    private final Map<String, String> lastLauncherOf = new LinkedHashMap<>();

    /** Adds a registered launcher; {@code name} is its service property, null when it has none. */
    void add(String name, ClusterLauncher launcher) {
        if (name == null || name.isBlank()) {
            LOG.warn("Cluster launcher {} has no {} property: ignored", launcher, ClusterLauncher.TYPE_PROPERTY);
            return;
        }
        List<NodeType> types;
        try {
            types = List.copyOf(launcher.nodeTypes());
        } catch (RuntimeException e) {
            LOG.warn("Cluster launcher {} failed to list its node types: ignored", name, e);
            return;
        }
        lock.lock();
        try {
            launchers.put(name, launcher);
            offers.values().removeIf(offer -> offer.launcherName().equals(name));
            types.forEach(type -> offer(name, launcher, type));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        LOG.info("Cluster launcher {} offers node types {}", name,
                types.stream().map(NodeType::nodeTypeId).collect(Collectors.joining(", ")));
    }

    private void offer(String name, ClusterLauncher launcher, NodeType type) {
        Offer other = offers.get(type.nodeTypeId());
        if (other != null) {
            LOG.warn("Node type {} of cluster launcher {} is launcher {}'s already: ignored", type.nodeTypeId(), name,
                    other.launcherName());
            return;
        }
        offers.put(type.nodeTypeId(), new Offer(name, launcher, type));
        lastLauncherOf.put(type.nodeTypeId(), name);
    }

    /** Removes a launcher that went away; its node types are offered no more. */
    void remove(String name, ClusterLauncher launcher) {
        lock.lock();
        try {
            if (name != null && launchers.remove(name, launcher)) {
                offers.values().removeIf(offer -> offer.launcher() == launcher);
                LOG.info("Cluster launcher {} went away", name);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Every node type offered now, smallest first. */
    List<NodeType> nodeTypes() {
        lock.lock();
        try {
            return offers.values().stream().map(Offer::nodeType).sorted(SMALLEST_FIRST).toList();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The node type {@code nodeTypeId}, the default (smallest) for null.
     *
     * @throws BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} naming the node types there are, when none is {@code nodeTypeId}
     */
    NodeType nodeType(String nodeTypeId) {
        List<NodeType> all = nodeTypes();
        Optional<NodeType> found = nodeTypeId == null ? all.stream().findFirst()
                : all.stream().filter(type -> type.nodeTypeId().equals(nodeTypeId)).findFirst();
        return found.orElseThrow(() -> BrickworksException.invalidParameter(unknown(nodeTypeId, all)));
    }

    /** The launcher of {@code nodeTypeId} (null: the default), waiting up to {@code patience} for one to come. */
    Optional<Offer> await(String nodeTypeId, Duration patience) throws InterruptedException {
        long nanos = patience.toNanos();
        lock.lock();
        try {
            Optional<Offer> offer;
            while ((offer = find(nodeTypeId)).isEmpty() && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            return offer;
        } finally {
            lock.unlock();
        }
    }

    private Optional<Offer> find(String nodeTypeId) {
        if (nodeTypeId != null) {
            return Optional.ofNullable(offers.get(nodeTypeId));
        }
        return offers.values().stream().min(Comparator.comparing(Offer::nodeType, SMALLEST_FIRST));
    }

    /** Whether some launcher offers {@code nodeTypeId} now (null: whether there is a default). */
    boolean offers(String nodeTypeId) {
        lock.lock();
        try {
            return find(nodeTypeId).isPresent();
        } finally {
            lock.unlock();
        }
    }

    /** The launcher that last offered {@code nodeTypeId}, null when none ever did since this service started. */
    String lastLauncherOf(String nodeTypeId) {
        lock.lock();
        try {
            return lastLauncherOf.get(nodeTypeId);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Why a cluster on {@code nodeTypeId} terminated when its launcher ({@code launcherName}, null when not known)
     * went away for good: as Databricks says of a node its cloud provider took away.
     */
    static TerminationReason gone(String launcherName, String nodeTypeId) {
        String launcher = launcherName == null ? "The cluster launcher" : "Cluster launcher '" + launcherName + "'";
        return new TerminationReason("CLOUD_PROVIDER_SHUTDOWN", "CLOUD_FAILURE", launcher + " of node type "
                + nodeTypeId + " is no longer installed, so the cluster's driver was stopped");
    }

    /** Why {@code nodeTypeId} cannot be used: the message names the node types there are. */
    static String unknown(String nodeTypeId, List<NodeType> all) {
        List<String> ids = all.stream().map(NodeType::nodeTypeId).toList();
        return (nodeTypeId == null ? "No node type is available: no cluster launcher is installed"
                : "Unknown node_type_id '" + nodeTypeId + "'; node types: "
                        + (ids.isEmpty() ? "none (no cluster launcher is installed)" : String.join(", ", ids)));
    }
}
