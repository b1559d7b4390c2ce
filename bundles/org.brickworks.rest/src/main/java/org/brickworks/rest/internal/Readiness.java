package org.brickworks.rest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;

/**
 * What the Apache Felix Health Checks tagged {@value #TAG} say, run at once (no cached result): ready when every
 * required check is registered and none is worse than WARN. {@link #pending()} has one entry per message of a check
 * that is not ready, and one per required check that is not registered at all (its bundle is not active).
 */
record Readiness(boolean ready, String summary, List<Check> pending, List<Check> checks) {
    static final String TAG = "brickworks";

    /** One message of a check: its name, its status, what it says. */
    record Check(String name, String status, String message) {
    }

    static Readiness unknown(String why) {
        return new Readiness(false, "Not ready: " + why, List.of(new Check("health", "CRITICAL", why)), List.of());
    }

    static Readiness of(HealthCheckExecutor executor, List<String> required) {
        return of(executor.execute(HealthCheckSelector.tags(TAG),
                new HealthCheckExecutionOptions().setForceInstantExecution(true)), required);
    }

    static Readiness of(List<HealthCheckExecutionResult> results, List<String> required) {
        List<Check> checks = new ArrayList<>();
        List<Check> pending = new ArrayList<>();
        Set<String> present = results.stream().map(r -> r.getHealthCheckMetadata().getName())
                .collect(Collectors.toSet());
        for (HealthCheckExecutionResult result : results) {
            String name = result.getHealthCheckMetadata().getName();
            Result outcome = result.getHealthCheckResult();
            for (ResultLog.Entry entry : outcome) {
                if (entry.isDebug()) {
                    continue;
                }
                Check check = new Check(name, entry.getStatus().name(), entry.getMessage());
                checks.add(check);
                if (!acceptable(entry.getStatus())) {
                    pending.add(check);
                }
            }
            if (!acceptable(outcome.getStatus()) && pending.stream().noneMatch(c -> c.name().equals(name))) {
                pending.add(new Check(name, outcome.getStatus().name(), outcome.toString()));
            }
        }
        for (String name : required) {
            if (!present.contains(name)) {
                pending.add(new Check(name, "MISSING", "No health check '" + name + "' is registered: its bundle is "
                        + "not active yet"));
            }
        }
        String summary = pending.isEmpty() ? "Ready"
                : "Brickworks is not ready yet: " + pending.stream().map(c -> c.name() + " (" + c.message() + ")")
                        .collect(Collectors.joining("; "));
        return new Readiness(pending.isEmpty(), summary, List.copyOf(pending), List.copyOf(checks));
    }

    private static boolean acceptable(Result.Status status) {
        return status == Result.Status.OK || status == Result.Status.WARN;
    }
}
