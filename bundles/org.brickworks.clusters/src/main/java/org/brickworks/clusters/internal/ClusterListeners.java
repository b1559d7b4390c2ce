package org.brickworks.clusters.internal;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.brickworks.clusters.api.ClusterListener;
import org.brickworks.clusters.api.dto.ClusterInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ClusterListener} whiteboard: state changes are handed to every listener on one thread of its own, in the
 * order they happened, so a listener never runs inside the store transaction or blocks a cluster's start. A failing
 * listener is logged and ignored.
 */
final class ClusterListeners {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterListeners.class);

    private final Set<ClusterListener> listeners = new CopyOnWriteArraySet<>();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "brickworks-cluster-listeners");
        thread.setDaemon(true);
        return thread;
    });

    void add(ClusterListener listener) {
        listeners.add(listener);
    }

    void remove(ClusterListener listener) {
        listeners.remove(listener);
    }

    void clusterChanged(ClusterInfo cluster) {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            delivery.execute(() -> listeners.forEach(listener -> tell(listener, cluster)));
        } catch (RejectedExecutionException e) {
            LOG.debug("Clusters service stopping: {} {} not delivered", cluster.clusterId(), cluster.state());
        }
    }

    void close() throws InterruptedException {
        delivery.shutdown();
        if (!delivery.awaitTermination(5, TimeUnit.SECONDS)) {
            delivery.shutdownNow();
        }
    }

    private static void tell(ClusterListener listener, ClusterInfo cluster) {
        try {
            listener.clusterChanged(cluster);
        } catch (RuntimeException e) {
            LOG.warn("Cluster listener {} failed on {} {}; ignored", listener, cluster.clusterId(), cluster.state(), e);
        }
    }
}
