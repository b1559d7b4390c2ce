package org.brickworks.jobs.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the DAG decides, without running anything: whether a task whose upstream tasks have all ended runs, by its
 * {@code run_if}, or is skipped with which result; and how a run ended, from its tasks.
 * <p>
 * An upstream task counts as succeeded ({@code SUCCESS}, {@code SUCCESS_WITH_FAILURES}), failed ({@code FAILED},
 * {@code TIMEDOUT}, {@code UPSTREAM_FAILED}), cancelled ({@code CANCELED}, {@code UPSTREAM_CANCELED}) or excluded
 * ({@code EXCLUDED}, {@code DISABLED}); a dependency on a condition task with an {@code outcome} counts as excluded
 * when the condition gave the other outcome. A task that does not run is {@code UPSTREAM_FAILED} when an upstream
 * failure is the reason, {@code UPSTREAM_CANCELED} when a cancellation is, else {@code EXCLUDED}.
 */
final class Dag {
    static final String RUN = "RUN";
    private static final Set<String> SUCCEEDED = Set.of("SUCCESS", "SUCCESS_WITH_FAILURES");
    private static final Set<String> FAILED = Set.of("FAILED", "TIMEDOUT", "UPSTREAM_FAILED");
    private static final Set<String> CANCELLED = Set.of("CANCELED", "UPSTREAM_CANCELED");

    /** A dependency: its upstream task and, on a condition task, the outcome it needs (or null). */
    record Edge(String upstream, String outcome) {
    }

    /** How an upstream task ended: its result state and a condition's outcome (null for other tasks). */
    record Ended(String resultState, String outcome) {
    }

    private Dag() {
    }

    /** {@link #RUN}, or the result state of a task that does not run. */
    static String decide(String runIf, List<Edge> dependencies, Map<String, Ended> ended) {
        if (dependencies.isEmpty()) {
            return RUN;
        }
        int succeeded = 0;
        int failed = 0;
        int cancelled = 0;
        for (Edge edge : dependencies) {
            Ended upstream = ended.get(edge.upstream());
            String state = upstream.resultState();
            if (SUCCEEDED.contains(state) && (edge.outcome() == null || edge.outcome().equals(upstream.outcome()))) {
                succeeded++;
            } else if (FAILED.contains(state)) {
                failed++;
            } else if (CANCELLED.contains(state)) {
                cancelled++;
            }
        }
        int all = dependencies.size();
        String skipped = failed > 0 ? "UPSTREAM_FAILED" : cancelled > 0 ? "UPSTREAM_CANCELED" : "EXCLUDED";
        boolean runs = switch (runIf == null ? "ALL_SUCCESS" : runIf) {
        case "ALL_DONE" -> true;
        case "NONE_FAILED" -> failed == 0 && cancelled == 0;
        case "AT_LEAST_ONE_SUCCESS" -> succeeded > 0;
        case "AT_LEAST_ONE_FAILED" -> failed > 0;
        case "ALL_FAILED" -> failed == all;
        default -> succeeded == all;
        };
        if (runs) {
            return RUN;
        }
        // A task that waits for failures is excluded when there are none, not failed by them.
        return "AT_LEAST_ONE_FAILED".equals(runIf) || "ALL_FAILED".equals(runIf) ? "EXCLUDED" : skipped;
    }

    /**
     * A run's result state from its tasks' ({@code CANCELED} or {@code TIMEDOUT} when the run was stopped): a failure
     * among the leaves (tasks nothing depends on) fails the run; failures that the DAG got past
     * ({@code run_if} {@code ALL_DONE}, ...) make it {@code SUCCESS_WITH_FAILURES}.
     */
    static String result(Map<String, String> resultStates, Collection<String> leaves, String stoppedAs) {
        if (stoppedAs != null) {
            return stoppedAs;
        }
        boolean anyFailed = resultStates.values().stream().anyMatch(FAILED::contains);
        if (!anyFailed) {
            return resultStates.values().stream().anyMatch(CANCELLED::contains) ? "CANCELED" : "SUCCESS";
        }
        boolean leafFailed = leaves.stream().map(resultStates::get)
                .anyMatch(s -> FAILED.contains(s) || CANCELLED.contains(s));
        return leafFailed ? "FAILED" : "SUCCESS_WITH_FAILURES";
    }
}
