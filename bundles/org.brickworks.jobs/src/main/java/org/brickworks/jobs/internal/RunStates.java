package org.brickworks.jobs.internal;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A run's or task run's state in both of Databricks' shapes: the legacy {@code state} ({@code life_cycle_state},
 * {@code result_state}, {@code state_message}, {@code user_cancelled_or_timedout}), which the SDK's waiters and
 * Terraform poll, and the newer {@code status} ({@code state}, {@code termination_details}, {@code queue_details}).
 */
final class RunStates {
    static final Set<String> FINAL = Set.of("TERMINATED", "SKIPPED", "INTERNAL_ERROR");

    private RunStates() {
    }

    /**
     * Sets {@code target}'s {@code state} and {@code status}.
     *
     * @param resultState
     *            null while not ended
     * @param code
     *            the termination code; null to derive it from the result state
     */
    static void set(ObjectNode target, String lifeCycle, String resultState, String message, String code,
            boolean userCancelledOrTimedOut) {
        ObjectNode state = target.putObject("state");
        state.put("life_cycle_state", lifeCycle);
        if (resultState != null) {
            state.put("result_state", resultState);
        }
        state.put("state_message", message == null ? "" : message);
        state.put("user_cancelled_or_timedout", userCancelledOrTimedOut);
        ObjectNode status = target.putObject("status");
        status.put("state", switch (lifeCycle) {
        case "TERMINATED", "SKIPPED", "INTERNAL_ERROR" -> "TERMINATED";
        case "WAITING_FOR_RETRY" -> "WAITING";
        default -> lifeCycle;
        });
        if (lifeCycle.equals("QUEUED")) {
            ObjectNode queue = status.putObject("queue_details");
            queue.put("code", "ACTIVE_RUNS_LIMIT_REACHED");
            queue.put("message", message);
        }
        if (FINAL.contains(lifeCycle)) {
            String termination = code != null ? code : code(resultState);
            ObjectNode details = status.putObject("termination_details");
            details.put("code", termination);
            details.put("type", type(termination));
            details.put("message", message == null ? "" : message);
        }
    }

    private static String code(String resultState) {
        return switch (resultState == null ? "" : resultState) {
        case "SUCCESS", "SUCCESS_WITH_FAILURES" -> "SUCCESS";
        case "CANCELED" -> "USER_CANCELED";
        case "TIMEDOUT" -> "CANCELED";
        case "EXCLUDED", "UPSTREAM_FAILED", "UPSTREAM_CANCELED" -> "SKIPPED";
        case "DISABLED" -> "DISABLED";
        case "MAXIMUM_CONCURRENT_RUNS_REACHED" -> "MAX_CONCURRENT_RUNS_EXCEEDED";
        case "FAILED" -> "RUN_EXECUTION_ERROR";
        default -> "INTERNAL_ERROR";
        };
    }

    private static String type(String code) {
        return switch (code) {
        case "SUCCESS", "USER_CANCELED", "SKIPPED", "DISABLED" -> "SUCCESS";
        case "INTERNAL_ERROR", "CLUSTER_ERROR", "DRIVER_ERROR" -> "INTERNAL_ERROR";
        default -> "CLIENT_ERROR";
        };
    }

    static boolean ended(ObjectNode target) {
        return FINAL.contains(target.path("state").path("life_cycle_state").asText());
    }
}
