package org.brickworks.clusters.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.DriverNode;
import org.brickworks.clusters.api.dto.TerminationReason;
import org.junit.jupiter.api.Test;

class HousekeepingTest {
    private static final long MINUTE = 60_000;
    private static final DriverNode DRIVER = new DriverNode("127.0.0.1", 4321, 77, 10 * MINUTE, 0);

    @Test
    void autoterminatesAfterTheIdleMinutesSinceTheLastCommandOrTheStart() {
        ClusterInfo cluster = running(30);

        assertThat(Housekeeping.idleTooLong(cluster, null, 39 * MINUTE)).isFalse();
        assertThat(Housekeeping.idleTooLong(cluster, null, 40 * MINUTE)).isTrue();
        assertThat(Housekeeping.idleTooLong(cluster, 20 * MINUTE, 40 * MINUTE)).isFalse();
        assertThat(Housekeeping.idleTooLong(cluster, 20 * MINUTE, 50 * MINUTE)).isTrue();
        assertThat(Housekeeping.inactivity(cluster).code()).isEqualTo("INACTIVITY");
    }

    @Test
    void neverAutoterminatesWithoutIdleMinutesOrWhenNotRunning() {
        assertThat(Housekeeping.idleTooLong(running(0), null, 1000 * MINUTE)).isFalse();
        ClusterInfo pending = ClusterLifecycle.pending("c1", spec(5), 0);
        assertThat(Housekeeping.idleTooLong(pending, null, 1000 * MINUTE)).isFalse();
    }

    @Test
    void forgetsUnpinnedClustersTerminatedLongerThanTheRetention() {
        long day = 24 * 60 * MINUTE;
        ClusterInfo terminated = ClusterLifecycle.terminated(running(0),
                new TerminationReason("USER_REQUEST", "SUCCESS", "bye"), day);

        assertThat(Housekeeping.expired(terminated, 30, 30 * day)).isFalse();
        assertThat(Housekeeping.expired(terminated, 30, 32 * day)).isTrue();
        assertThat(Housekeeping.expired(ClusterLifecycle.pinned(terminated, true), 30, 32 * day)).isFalse();
        assertThat(Housekeeping.expired(terminated, 0, 1000 * day)).isFalse();
        assertThat(Housekeeping.expired(running(0), 30, 1000 * day)).isFalse();
    }

    private static ClusterInfo running(int idleMinutes) {
        return ClusterLifecycle.running(ClusterLifecycle.pending("c1", spec(idleMinutes), 0), DRIVER);
    }

    private static ClusterSpec spec(int idleMinutes) {
        return new ClusterSpec("etl", "15.4.x-scala2.12", null, 0, Map.of(), Map.of(), idleMinutes, Map.of(), null,
                null);
    }
}
