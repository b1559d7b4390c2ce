package org.brickworks.shell.internal;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code bw:health}: the platform's readiness, as {@code GET /api/2.0/health} decides it from the checks tagged
 * {@value #TAG}, one line per message; then the checks of work done in the background (tag {@value #BACKGROUND}, such
 * as the shared catalog), which clusters wait for but serving does not.
 */
@Component
public class HealthCommands extends CommandGroup {
    static final String TAG = "brickworks";
    static final String BACKGROUND = "brickworks.background";
    /** The checks every ready platform has (the REST bundle's default {@code healthRequiredChecks}). */
    static final List<String> REQUIRED = List.of("store", "admin token", "routes");

    @Reference(policyOption = ReferencePolicyOption.GREEDY)
    private volatile HealthCheckExecutor executor;

    @Descriptor("Show the platform's readiness: each Apache Felix Health Check tagged brickworks (then those of background work), its status and what it says")
    public String health() {
        return format(executor.execute(HealthCheckSelector.tags(TAG, BACKGROUND),
                new HealthCheckExecutionOptions().setForceInstantExecution(true).setCombineTagsWithOr(true)));
    }

    static String format(List<HealthCheckExecutionResult> results) {
        Table table = new Table("CHECK", "STATUS", "MS", "MESSAGE");
        for (HealthCheckExecutionResult result : results) {
            String name = result.getHealthCheckMetadata().getName();
            for (ResultLog.Entry entry : result.getHealthCheckResult()) {
                if (!entry.isDebug()) {
                    table.row(name, entry.getStatus(), result.getElapsedTimeInMs(), entry.getMessage());
                }
            }
        }
        Set<String> present = results.stream().map(r -> r.getHealthCheckMetadata().getName())
                .collect(Collectors.toSet());
        REQUIRED.stream().filter(name -> !present.contains(name))
                .forEach(name -> table.row(name, "MISSING", "-", "no such check registered: its bundle is not active"));
        List<String> pending = results.stream().filter(r -> r.getHealthCheckMetadata().getTags().contains(TAG))
                .filter(r -> !acceptable(r))
                .map(r -> r.getHealthCheckMetadata().getName()).collect(Collectors.toList());
        REQUIRED.stream().filter(name -> !present.contains(name)).forEach(pending::add);
        String verdict = pending.isEmpty() ? "Ready" : "Not ready: " + String.join(", ", pending);
        return verdict + "\n\n" + table;
    }

    private static boolean acceptable(HealthCheckExecutionResult result) {
        return switch (result.getHealthCheckResult().getStatus()) {
        case OK, WARN -> true;
        default -> false;
        };
    }
}
