package org.brickworks.execution.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.brickworks.clusters.api.DriverChannels;
import org.brickworks.clusters.api.dto.DriverChannel;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;

/** {@link DriverChannels} over a fixed set of running drivers, recording the activity it is told of. */
final class TestChannels implements DriverChannels {
    final Map<String, DriverChannel> running = new ConcurrentHashMap<>();
    final List<String> touched = new CopyOnWriteArrayList<>();

    TestChannels with(DriverChannel driver) {
        running.put(driver.clusterId(), driver);
        return this;
    }

    @Override
    public DriverChannel running(String clusterId) {
        DriverChannel driver = running.get(clusterId);
        if (driver == null) {
            throw new BrickworksException(ErrorCode.INVALID_STATE, "Cluster " + clusterId + " is TERMINATED");
        }
        return driver;
    }

    @Override
    public void touch(String clusterId) {
        touched.add(clusterId);
    }

    @Override
    public String clusterWithSecret(String secret) {
        return running.values().stream().filter(d -> d.secret().equals(secret)).map(DriverChannel::clusterId)
                .findFirst().orElseThrow(() -> BrickworksException.unauthenticated("no"));
    }

    @Override
    public List<DriverChannel> runningDrivers() {
        return new ArrayList<>(running.values());
    }
}
