package org.brickworks.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.brickworks.clusters.api.ClusterService;
import org.brickworks.clusters.api.dto.ClusterEvent;
import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterState;
import org.brickworks.clusters.api.dto.TerminationReason;
import org.junit.jupiter.api.Test;

class ClusterWaitTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void printsEachStateAndNewEventUntilTheClusterRuns() throws InterruptedException {
        ClusterService clusters = cluster(List.of(
                step(ClusterState.PENDING, null, "old", "STARTING"),
                step(ClusterState.RUNNING, null, "old", "STARTING", "RUNNING")));

        ClusterInfo running = new ClusterWait(clusters, out).untilRunning("c1", 1, Duration.ofMinutes(1));

        assertThat(running.state()).isEqualTo(ClusterState.RUNNING);
        assertThat(printed.toString(StandardCharsets.UTF_8).lines().map(line -> line.substring(10)).toList())
                .containsExactly("STARTING  about STARTING", "state PENDING  on its way", "RUNNING  about RUNNING",
                        "state RUNNING  on its way");
    }

    @Test
    void failsWithTheReasonWhenTheClusterEnds() {
        ClusterService clusters = cluster(List.of(step(ClusterState.PENDING, null),
                step(ClusterState.TERMINATED, new TerminationReason("USER_REQUEST", "SUCCESS", "by a user"))));

        assertThatThrownBy(() -> new ClusterWait(clusters, out).untilRunning("c1", 0, Duration.ofMinutes(1)))
                .hasMessage("Cluster c1 is TERMINATED: USER_REQUEST, by a user");
    }

    @Test
    void failsWhenTheClusterIsNotRunningInTime() {
        ClusterService clusters = cluster(List.of(step(ClusterState.PENDING, null)));

        assertThatThrownBy(() -> new ClusterWait(clusters, out).untilRunning("c1", 0, Duration.ZERO))
                .hasMessage("Cluster c1 is still PENDING after 0 s; bw:cluster-events c1 shows how it goes on");
    }

    @Test
    void followsATerminationUntilTheClusterIsTerminated() throws InterruptedException {
        ClusterService clusters = cluster(List.of(step(ClusterState.RUNNING, null),
                step(ClusterState.TERMINATING, null, "TERMINATING"),
                step(ClusterState.TERMINATED, new TerminationReason("USER_REQUEST", "SUCCESS", "by a user"),
                        "TERMINATING")));

        ClusterInfo terminated = new ClusterWait(clusters, out).untilTerminated("c1", 0, Duration.ofMinutes(1));

        assertThat(terminated.state()).isEqualTo(ClusterState.TERMINATED);
        assertThat(printed.toString(StandardCharsets.UTF_8).lines().map(line -> line.substring(10)).toList())
                .containsExactly("state RUNNING  on its way", "TERMINATING  about TERMINATING",
                        "state TERMINATING  on its way", "state TERMINATED  on its way");
    }

    @Test
    void aTerminationFailsWhenTheClusterEndsInError() {
        ClusterService clusters = cluster(List.of(step(ClusterState.TERMINATING, null),
                step(ClusterState.ERROR, null)));

        assertThatThrownBy(() -> new ClusterWait(clusters, out).untilTerminated("c1", 0, Duration.ofMinutes(1)))
                .hasMessage("Cluster c1 is ERROR: on its way");
    }

    private record Step(ClusterInfo cluster, List<ClusterEvent> events) {
    }

    private static Step step(ClusterState state, TerminationReason reason, String... events) {
        List<ClusterEvent> list = new ArrayList<>();
        for (String type : events) {
            list.add(new ClusterEvent("c1", 0, type, "about " + type));
        }
        return new Step(new ClusterInfo("c1", null, state, "on its way", 0, 0, reason, null, List.of(), false), list);
    }

    /** A cluster service whose cluster goes through {@code steps}, one per call of get, staying at the last. */
    private static ClusterService cluster(List<Step> steps) {
        Deque<Step> remaining = new ArrayDeque<>(steps);
        Step[] current = { remaining.peek() };
        return (ClusterService) Proxy.newProxyInstance(ClusterService.class.getClassLoader(),
                new Class<?>[] { ClusterService.class }, (proxy, method, args) -> switch (method.getName()) {
                case "get" -> {
                    current[0] = remaining.size() > 1 ? remaining.poll() : remaining.peek();
                    yield current[0].cluster();
                }
                case "events" -> current[0].events();
                default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
