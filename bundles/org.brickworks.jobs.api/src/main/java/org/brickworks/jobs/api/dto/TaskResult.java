package org.brickworks.jobs.api.dto;

import java.util.List;
import java.util.Map;

/**
 * How an attempt of a task ended.
 *
 * @param succeeded
 *            whether the task did what it was asked
 * @param message
 *            the task run's {@code state_message}: empty on success, the failure's one line otherwise
 * @param output
 *            what {@code runs/get-output} shows of it, beside {@code logs} and the error: {@code notebook_output},
 *            {@code sql_output}, {@code run_job_output}, or a plugin's own field
 * @param errorTrace
 *            the stack trace or traceback of a failure; may be empty
 * @param logs
 *            what the task printed; may be empty
 * @param conditionOutcome
 *            {@code "true"} or {@code "false"} for a condition, which dependants pick with {@code outcome}; null for
 *            other tasks
 * @param views
 *            what {@code runs/export} gives of the task ({@code views_to_export=CODE}): each a map of {@code name},
 *            {@code type} ({@code NOTEBOOK}) and {@code content} (an HTML page); empty for most types
 */
public record TaskResult(boolean succeeded, String message, Map<String, Object> output, String errorTrace, String logs,
        String conditionOutcome, List<Map<String, Object>> views) {
    public TaskResult {
        output = Map.copyOf(output);
        views = views == null ? List.of() : List.copyOf(views);
        message = message == null ? "" : message;
        errorTrace = errorTrace == null ? "" : errorTrace;
        logs = logs == null ? "" : logs;
    }

    public static TaskResult success(Map<String, Object> output, String logs) {
        return new TaskResult(true, "", output, "", logs, null, List.of());
    }

    public static TaskResult failure(String message, String errorTrace, Map<String, Object> output, String logs) {
        return new TaskResult(false, message, output, errorTrace, logs, null, List.of());
    }

    /** This result with {@code views} for {@code runs/export}. */
    public TaskResult withViews(List<Map<String, Object>> exported) {
        return new TaskResult(succeeded, message, output, errorTrace, logs, conditionOutcome, exported);
    }
}
