package org.brickworks.clusters.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each running cluster last saw a user's call (epoch ms), for autotermination; absent: none since its driver
 * started. In memory: after an update of this bundle, idle time counts from the driver's start again. Thread-safe.
 */
final class Activity {
    private final Map<String, Long> lastCalls = new ConcurrentHashMap<>();

    void touch(String clusterId) {
        lastCalls.put(clusterId, System.currentTimeMillis());
    }

    /** The cluster's driver is new or gone: idle time counts from its start. */
    void forget(String clusterId) {
        lastCalls.remove(clusterId);
    }

    /** The last call, null when none since the driver started. */
    Long last(String clusterId) {
        return lastCalls.get(clusterId);
    }
}
