package org.brickworks.clusters.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.ClusterState;
import org.brickworks.clusters.api.dto.DriverNode;
import org.brickworks.clusters.api.dto.TerminationReason;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.junit.jupiter.api.Test;

class ClusterLifecycleTest {
    private static final ClusterSpec SPEC = ClusterSpec.of("etl", "15.4.x-scala2.12");
    private static final DriverNode DRIVER = new DriverNode("127.0.0.1", 4321, 77, 2000, 0);
    private static final TerminationReason USER_REQUEST = new TerminationReason("USER_REQUEST", "SUCCESS", "bye");

    @Test
    void startsPendingThenRunsWithItsDriver() {
        ClusterInfo pending = ClusterLifecycle.pending("c1", SPEC, 1000);
        ClusterInfo running = ClusterLifecycle.running(pending, DRIVER);

        assertThat(pending.state()).isEqualTo(ClusterState.PENDING);
        assertThat(pending.driver()).isNull();
        assertThat(running.state()).isEqualTo(ClusterState.RUNNING);
        assertThat(running.driver()).isEqualTo(DRIVER);
        assertThat(running.startTime()).isEqualTo(1000);
    }

    @Test
    void terminatesThroughTerminatingWithAReasonAndNoDriver() {
        ClusterInfo running = ClusterLifecycle.running(ClusterLifecycle.pending("c1", SPEC, 1000), DRIVER);
        ClusterInfo terminating = ClusterLifecycle.terminating(running, "stopping");
        ClusterInfo terminated = ClusterLifecycle.terminated(terminating, USER_REQUEST, 3000);

        assertThat(terminating.state()).isEqualTo(ClusterState.TERMINATING);
        assertThat(terminated.state()).isEqualTo(ClusterState.TERMINATED);
        assertThat(terminated.terminationReason()).isEqualTo(USER_REQUEST);
        assertThat(terminated.terminatedTime()).isEqualTo(3000);
        assertThat(terminated.driver()).isNull();
    }

    @Test
    void pendingClusterThatFailsToStartTerminatesDirectly() {
        ClusterInfo terminated = ClusterLifecycle.terminated(ClusterLifecycle.pending("c1", SPEC, 1000),
                new TerminationReason("SPARK_STARTUP_FAILURE", "SERVICE_FAULT", "exited"), 2000);

        assertThat(terminated.stateMessage()).isEqualTo("exited");
    }

    @Test
    void refusesTransitionsTheMachineDoesNotHave() {
        ClusterInfo terminated = ClusterLifecycle.terminated(ClusterLifecycle.pending("c1", SPEC, 1000), USER_REQUEST,
                2000);
        ClusterInfo terminating = ClusterLifecycle.terminating(ClusterLifecycle.pending("c2", SPEC, 1000), "x");

        assertThatThrownBy(() -> ClusterLifecycle.running(terminated, DRIVER)).isInstanceOf(BrickworksException.class)
                .extracting(e -> ((BrickworksException) e).errorCode()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThatThrownBy(() -> ClusterLifecycle.running(terminating, DRIVER))
                .hasMessageContaining("is TERMINATING and cannot become RUNNING");
        assertThatThrownBy(() -> ClusterLifecycle.terminating(terminated, "again"))
                .isInstanceOf(BrickworksException.class);
        assertThat(ClusterLifecycle.canMove(ClusterState.TERMINATED, ClusterState.TERMINATED)).isFalse();
    }

    @Test
    void restartsOnANewRuntimeAndResizesWhenOnlyWorkersChange() {
        ClusterInfo running = ClusterLifecycle.running(ClusterLifecycle.pending("c1", SPEC, 1000), DRIVER);
        ClusterSpec newRuntime = ClusterSpec.of("etl", "17.3.x-scala2.13");
        ClusterSpec moreWorkers = SPEC.withWorkers(2, null);

        ClusterInfo restarting = ClusterLifecycle.restarting(running, newRuntime);
        ClusterInfo resizing = ClusterLifecycle.restarting(running, moreWorkers);

        assertThat(restarting.state()).isEqualTo(ClusterState.RESTARTING);
        assertThat(restarting.spec()).isEqualTo(newRuntime);
        assertThat(resizing.state()).isEqualTo(ClusterState.RESIZING);
        assertThat(ClusterLifecycle.running(restarting, DRIVER).state()).isEqualTo(ClusterState.RUNNING);
        assertThatThrownBy(() -> ClusterLifecycle.restarting(restarting, SPEC))
                .hasMessageContaining("is RESTARTING and cannot become RESTARTING");
    }

    @Test
    void startsATerminatedClusterAgainAndEditsOnlyTerminatedOnes() {
        ClusterInfo terminated = ClusterLifecycle.terminated(ClusterLifecycle.pending("c1", SPEC, 1000), USER_REQUEST,
                2000);
        ClusterInfo pending = ClusterLifecycle.pending("c2", SPEC, 1000);

        ClusterInfo again = ClusterLifecycle.restarted(terminated);
        ClusterInfo edited = ClusterLifecycle.edited(terminated, SPEC.withNodeTypeId("local-large"));

        assertThat(again.state()).isEqualTo(ClusterState.PENDING);
        assertThat(again.terminationReason()).isNull();
        assertThat(edited.state()).isEqualTo(ClusterState.TERMINATED);
        assertThat(edited.spec().nodeTypeId()).isEqualTo("local-large");
        assertThatThrownBy(() -> ClusterLifecycle.edited(pending, SPEC)).hasMessageContaining("is PENDING");
        assertThatThrownBy(() -> ClusterLifecycle.restarted(pending)).hasMessageContaining("cannot become PENDING");
    }

    @Test
    void keepsThePinThroughTransitions() {
        ClusterInfo pinned = ClusterLifecycle.pinned(ClusterLifecycle.pending("c1", SPEC, 1000), true);

        assertThat(ClusterLifecycle.terminated(ClusterLifecycle.running(pinned, DRIVER), USER_REQUEST, 2000).pinned())
                .isTrue();
    }
}
