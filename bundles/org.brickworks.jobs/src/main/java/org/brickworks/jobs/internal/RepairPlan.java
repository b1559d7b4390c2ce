package org.brickworks.jobs.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.brickworks.core.api.BrickworksException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which tasks a {@code runs/repair} runs again: {@code rerun_tasks}, or with {@code rerun_all_failed_tasks} every task
 * that did not succeed, and with {@code rerun_dependent_tasks} everything downstream of those; in the run's order.
 */
final class RepairPlan {
    private static final Set<String> SUCCEEDED = Set.of("SUCCESS", "SUCCESS_WITH_FAILURES", "EXCLUDED", "DISABLED");

    private RepairPlan() {
    }

    static List<String> tasks(JsonNode run, JsonNode repair) {
        List<String> order = new ArrayList<>();
        run.path("tasks").forEach(t -> order.add(t.path("task_key").asText()));
        Set<String> chosen = new LinkedHashSet<>();
        for (JsonNode key : repair.path("rerun_tasks")) {
            if (!order.contains(key.asText())) {
                throw BrickworksException.invalidParameter("rerun_tasks names " + key.asText()
                        + ", which is not a task of run " + run.path("run_id").asLong() + " ("
                        + String.join(", ", order) + ")");
            }
            chosen.add(key.asText());
        }
        if (repair.path("rerun_all_failed_tasks").asBoolean(false)) {
            run.path("tasks").forEach(t -> {
                if (!SUCCEEDED.contains(t.path("state").path("result_state").asText())) {
                    chosen.add(t.path("task_key").asText());
                }
            });
        }
        if (chosen.isEmpty()) {
            throw BrickworksException.invalidParameter("Give rerun_tasks, or rerun_all_failed_tasks: true"
                    + (repair.path("rerun_all_failed_tasks").asBoolean(false) ? " (no task of this run failed)"
                            : ""));
        }
        if (repair.path("rerun_dependent_tasks").asBoolean(false)) {
            Deque<String> todo = new ArrayDeque<>(chosen);
            while (!todo.isEmpty()) {
                String upstream = todo.poll();
                run.path("tasks").forEach(t -> t.path("depends_on").forEach(d -> {
                    if (d.path("task_key").asText().equals(upstream) && chosen.add(t.path("task_key").asText())) {
                        todo.add(t.path("task_key").asText());
                    }
                }));
            }
        }
        return order.stream().filter(chosen::contains).toList();
    }
}
