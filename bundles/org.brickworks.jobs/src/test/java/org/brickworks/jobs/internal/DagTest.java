package org.brickworks.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DagTest {
    private static final Map<String, Dag.Ended> ENDED = Map.of("ok", new Dag.Ended("SUCCESS", null),
            "bad", new Dag.Ended("FAILED", null), "late", new Dag.Ended("TIMEDOUT", null),
            "stopped", new Dag.Ended("CANCELED", null), "out", new Dag.Ended("EXCLUDED", null),
            "yes", new Dag.Ended("SUCCESS", "true"));

    private static String decide(String runIf, String... upstream) {
        return Dag.decide(runIf, List.of(upstream).stream().map(u -> new Dag.Edge(u, null)).toList(), ENDED);
    }

    @Test
    void aTaskWithoutUpstreamTasksRuns() {
        assertThat(Dag.decide(null, List.of(), Map.of())).isEqualTo(Dag.RUN);
    }

    @Test
    void allSuccessIsTheDefaultAndNamesWhyATaskDoesNotRun() {
        assertThat(decide(null, "ok")).isEqualTo(Dag.RUN);
        assertThat(decide("ALL_SUCCESS", "ok", "bad")).isEqualTo("UPSTREAM_FAILED");
        assertThat(decide(null, "ok", "late")).isEqualTo("UPSTREAM_FAILED");
        assertThat(decide(null, "ok", "stopped")).isEqualTo("UPSTREAM_CANCELED");
        assertThat(decide(null, "ok", "out")).isEqualTo("EXCLUDED");
    }

    @Test
    void everyRunIfHoldsOrNot() {
        assertThat(decide("ALL_DONE", "bad", "stopped", "out")).isEqualTo(Dag.RUN);
        assertThat(decide("NONE_FAILED", "ok", "out")).isEqualTo(Dag.RUN);
        assertThat(decide("NONE_FAILED", "ok", "bad")).isEqualTo("UPSTREAM_FAILED");
        assertThat(decide("AT_LEAST_ONE_SUCCESS", "ok", "bad")).isEqualTo(Dag.RUN);
        assertThat(decide("AT_LEAST_ONE_SUCCESS", "out", "bad")).isEqualTo("UPSTREAM_FAILED");
        assertThat(decide("AT_LEAST_ONE_FAILED", "ok", "bad")).isEqualTo(Dag.RUN);
        assertThat(decide("AT_LEAST_ONE_FAILED", "ok")).isEqualTo("EXCLUDED");
        assertThat(decide("ALL_FAILED", "bad", "late")).isEqualTo(Dag.RUN);
        assertThat(decide("ALL_FAILED", "bad", "ok")).isEqualTo("EXCLUDED");
    }

    @Test
    void aConditionsOutcomePicksItsDependants() {
        assertThat(Dag.decide(null, List.of(new Dag.Edge("yes", "true")), ENDED)).isEqualTo(Dag.RUN);
        assertThat(Dag.decide(null, List.of(new Dag.Edge("yes", "false")), ENDED)).isEqualTo("EXCLUDED");
        assertThat(Dag.decide("ALL_DONE", List.of(new Dag.Edge("yes", "false")), ENDED)).isEqualTo(Dag.RUN);
    }

    @Test
    void aRunFailsByItsLeavesAndSucceedsWithFailuresWhenTheDagGotPastThem() {
        assertThat(Dag.result(Map.of("a", "SUCCESS", "b", "EXCLUDED"), List.of("b"), null)).isEqualTo("SUCCESS");
        assertThat(Dag.result(Map.of("a", "FAILED", "b", "SUCCESS"), List.of("b"), null))
                .isEqualTo("SUCCESS_WITH_FAILURES");
        assertThat(Dag.result(Map.of("a", "FAILED", "b", "UPSTREAM_FAILED"), List.of("b"), null)).isEqualTo("FAILED");
        assertThat(Dag.result(Map.of("a", "SUCCESS", "b", "CANCELED"), List.of("b"), null)).isEqualTo("CANCELED");
        assertThat(Dag.result(Map.of("a", "SUCCESS"), List.of("a"), "TIMEDOUT")).isEqualTo("TIMEDOUT");
    }
}
