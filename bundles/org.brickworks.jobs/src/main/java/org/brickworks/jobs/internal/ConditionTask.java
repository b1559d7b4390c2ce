package org.brickworks.jobs.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.brickworks.jobs.api.TaskRun;
import org.brickworks.jobs.api.TaskType;
import org.brickworks.jobs.api.dto.TaskResult;
import org.osgi.service.component.annotations.Component;

/**
 * {@code condition_task}: compares {@code left} and {@code right} (after references are resolved) with {@code op}; as
 * numbers when both are numbers, else as text, where only {@code EQUAL_TO} and {@code NOT_EQUAL} apply. Its outcome,
 * {@code "true"} or {@code "false"}, picks the dependants whose {@code outcome} matches.
 */
@Component(service = TaskType.class, property = TaskType.NAME + "=condition_task")
public class ConditionTask implements TaskType {

    @Override
    public boolean runsOnCluster() {
        return false;
    }

    @Override
    public TaskResult run(TaskRun task) {
        String left = String.valueOf(task.payload().get("left"));
        String right = String.valueOf(task.payload().get("right"));
        String op = String.valueOf(task.payload().get("op"));
        Integer order = compare(left, right);
        Boolean holds = switch (op) {
        case "EQUAL_TO" -> order == null ? left.equals(right) : order == 0;
        case "NOT_EQUAL" -> order == null ? !left.equals(right) : order != 0;
        case "GREATER_THAN" -> order == null ? null : order > 0;
        case "GREATER_THAN_OR_EQUAL" -> order == null ? null : order >= 0;
        case "LESS_THAN" -> order == null ? null : order < 0;
        case "LESS_THAN_OR_EQUAL" -> order == null ? null : order <= 0;
        default -> null;
        };
        if (holds == null) {
            return TaskResult.failure(op + " compares numbers: " + left + " and " + right + " are not both numbers",
                    "", Map.of(), "");
        }
        String outcome = holds.toString();
        return new TaskResult(true, "",
                Map.of("condition_task", Map.of("left", left, "right", right, "op", op, "outcome", outcome)), "", "",
                outcome, List.of());
    }

    /** The numeric order of two numbers; null when either is not one. */
    static Integer compare(String left, String right) {
        try {
            return new BigDecimal(left.trim()).compareTo(new BigDecimal(right.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
