package org.brickworks.clusters.api;

import org.brickworks.clusters.api.dto.ClusterInfo;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears cluster state changes: a whiteboard service (register one, the clusters service calls it). Called after the
 * change is in the store, on one thread of the clusters service, in the order the changes happened; an implementation
 * returns quickly (hand long work to a thread of its own). A listener that throws is logged and ignored.
 */
@ConsumerType
public interface ClusterListener {

    /**
     * {@code cluster} has just moved to its {@link ClusterInfo#state() state} (e.g. RUNNING: its driver is ready and
     * takes requests; TERMINATED: it has no driver any more).
     */
    void clusterChanged(ClusterInfo cluster);
}
