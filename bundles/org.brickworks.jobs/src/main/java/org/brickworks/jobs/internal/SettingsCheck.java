package org.brickworks.jobs.internal;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.jobs.api.TaskType;
import org.quartz.CronExpression;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks a job's settings ({@code JobSettings} JSON) before they are saved, naming the field of the first problem in an
 * {@code INVALID_PARAMETER_VALUE}; a schedule's cron expression is parsed by Quartz's own {@link CronExpression}.
 * Multi-task settings have {@code tasks}; Jobs API 2.0's single-task settings carry
 * one task's fields (a payload, its compute, {@code libraries}, retries) at the top level instead.
 */
final class SettingsCheck {
    static final int MAX_TASKS = 1000;
    static final int MAX_CONCURRENT_RUNS = 1000;
    /** Task payloads that run on a cluster, and so need exactly one compute field. */
    static final Set<String> CLUSTER_PAYLOADS = Set.of("notebook_task", "spark_jar_task", "spark_python_task",
            "python_wheel_task", "sql_task");
    /** Task payloads that run on the platform: no compute field. */
    static final Set<String> PLATFORM_PAYLOADS = Set.of("condition_task", "for_each_task", "run_job_task");
    private static final Set<String> PAYLOADS = union(CLUSTER_PAYLOADS, PLATFORM_PAYLOADS);
    /** How a payload field is named: Databricks' and plugins' task types all end so. */
    static final String PAYLOAD_SUFFIX = "_task";
    static final List<String> COMPUTE = List.of("existing_cluster_id", "job_cluster_key", "new_cluster");
    static final Set<String> RUN_IF = Set.of("ALL_SUCCESS", "ALL_DONE", "NONE_FAILED", "AT_LEAST_ONE_SUCCESS",
            "AT_LEAST_ONE_FAILED", "ALL_FAILED");
    static final Set<String> CONDITION_OPS = Set.of("EQUAL_TO", "GREATER_THAN", "GREATER_THAN_OR_EQUAL", "LESS_THAN",
            "LESS_THAN_OR_EQUAL", "NOT_EQUAL");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final Predicate<String> clusterExists;
    private final Function<String, TaskType> pluginTypes;

    /**
     * @param clusterExists
     *            whether a cluster id names a cluster of the platform
     * @param pluginTypes
     *            the registered task type of a payload field that is not built in, or null
     */
    SettingsCheck(Predicate<String> clusterExists, Function<String, TaskType> pluginTypes) {
        this.clusterExists = clusterExists;
        this.pluginTypes = pluginTypes;
    }

    void check(JsonNode settings) {
        if (!settings.isObject()) {
            throw invalid("The job settings must be a JSON object");
        }
        optionalText(settings, "name", "name");
        integer(settings, "max_concurrent_runs", "max_concurrent_runs", 0, MAX_CONCURRENT_RUNS);
        integer(settings, "timeout_seconds", "timeout_seconds", 0, Integer.MAX_VALUE);
        schedule(settings.get("schedule"));
        JobIdentity.runAs(JSON.convertValue(settings, MAP));
        Set<String> jobClusters = jobClusters(settings.get("job_clusters"));
        List<String> singleTask = payloads(settings);
        if (present(settings, "tasks")) {
            if (!singleTask.isEmpty()) {
                throw invalid("Give either tasks or a single task's " + singleTask.get(0) + ", not both");
            }
            tasks(settings.get("tasks"), jobClusters);
        } else if (!singleTask.isEmpty()) {
            task(settings, "", jobClusters);
        }
    }

    private void tasks(JsonNode tasks, Set<String> jobClusters) {
        if (!tasks.isArray()) {
            throw invalid("tasks must be an array");
        }
        if (tasks.size() > MAX_TASKS) {
            throw invalid("A job has at most " + MAX_TASKS + " tasks, tasks has " + tasks.size());
        }
        Map<String, List<String>> dependencies = new LinkedHashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            JsonNode task = tasks.get(i);
            String field = "tasks[" + i + "]";
            if (!task.isObject()) {
                throw invalid(field + " must be an object");
            }
            String key = key(task, "task_key", field + ".task_key");
            if (dependencies.containsKey(key)) {
                throw invalid("Duplicate task_key " + key + " in " + field);
            }
            dependencies.put(key, dependsOn(task, field));
            String runIf = optionalText(task, "run_if", field + ".run_if");
            if (runIf != null && !RUN_IF.contains(runIf)) {
                throw invalid(field + ".run_if must be one of " + sorted(RUN_IF) + ", got " + runIf);
            }
            task(task, field + ".", jobClusters);
        }
        dependencies.forEach((key, upstream) -> upstream.forEach(u -> {
            if (!dependencies.containsKey(u)) {
                throw invalid("Task " + key + " depends on " + u + ", which is not a task of this job (depends_on)");
            }
            if (u.equals(key)) {
                throw invalid("Task " + key + " depends on itself (depends_on)");
            }
        }));
        acyclic(dependencies);
    }

    private static List<String> dependsOn(JsonNode task, String field) {
        JsonNode dependsOn = task.get("depends_on");
        List<String> keys = new ArrayList<>();
        if (dependsOn == null || dependsOn.isNull()) {
            return keys;
        }
        if (!dependsOn.isArray()) {
            throw invalid(field + ".depends_on must be an array of {\"task_key\": ...}");
        }
        for (int j = 0; j < dependsOn.size(); j++) {
            keys.add(key(dependsOn.get(j), "task_key", field + ".depends_on[" + j + "].task_key"));
        }
        return keys;
    }

    /** Kahn's algorithm: what is left once every task without pending upstream tasks is taken is a cycle. */
    private static void acyclic(Map<String, List<String>> dependencies) {
        Map<String, Integer> pending = new HashMap<>();
        Map<String, List<String>> downstream = new HashMap<>();
        dependencies.forEach((key, upstream) -> {
            pending.put(key, upstream.size());
            upstream.forEach(u -> downstream.computeIfAbsent(u, k -> new ArrayList<>()).add(key));
        });
        Deque<String> ready = new ArrayDeque<>();
        pending.forEach((key, count) -> {
            if (count == 0) {
                ready.add(key);
            }
        });
        int taken = 0;
        while (!ready.isEmpty()) {
            String key = ready.poll();
            taken++;
            for (String next : downstream.getOrDefault(key, List.of())) {
                if (pending.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        if (taken < dependencies.size()) {
            List<String> cycle = dependencies.keySet().stream().filter(k -> pending.get(k) > 0).sorted().toList();
            throw invalid("The tasks' depends_on form a cycle through " + String.join(", ", cycle));
        }
    }

    /** One task's payload, compute and options; {@code field} prefixes the names in errors. */
    private void task(JsonNode task, String field, Set<String> jobClusters) {
        List<String> payloads = payloads(task);
        if (payloads.isEmpty()) {
            throw invalid(field + "task needs a payload: one of " + sorted(PAYLOADS));
        }
        if (payloads.size() > 1) {
            throw invalid(field + "task has two payloads, " + payloads.get(0) + " and " + payloads.get(1)
                    + ": give one");
        }
        String payload = payloads.get(0);
        TaskType plugin = PAYLOADS.contains(payload) ? null : pluginTypes.apply(payload);
        if (!PAYLOADS.contains(payload) && plugin == null) {
            throw invalid(field + payload + " is not a task type of this platform: give one of " + sorted(PAYLOADS)
                    + " or install the plugin that adds it");
        }
        boolean onCluster = plugin == null ? CLUSTER_PAYLOADS.contains(payload) : plugin.runsOnCluster();
        List<String> compute = COMPUTE.stream().filter(c -> present(task, c)).toList();
        if (compute.size() > 1) {
            throw invalid(field + "task has two compute fields, " + compute.get(0) + " and " + compute.get(1)
                    + ": give one");
        }
        if (onCluster && compute.isEmpty()) {
            throw invalid(field + payload + " runs on a cluster: give one of " + String.join(", ", COMPUTE));
        }
        if (!onCluster && !compute.isEmpty()) {
            throw invalid(field + payload + " runs on the platform: it takes no " + compute.get(0));
        }
        if (!compute.isEmpty()) {
            compute(task, field, compute.get(0), jobClusters);
        }
        if (plugin == null) {
            payload(payload, task.get(payload), field + payload, jobClusters);
        } else if (task.get(payload).isObject()) {
            plugin.check(JSON.convertValue(task.get(payload), MAP), field + payload);
        } else {
            throw invalid(field + payload + " must be an object");
        }
        integer(task, "max_retries", field + "max_retries", -1, Integer.MAX_VALUE);
        integer(task, "min_retry_interval_millis", field + "min_retry_interval_millis", 0, Integer.MAX_VALUE);
        integer(task, "timeout_seconds", field + "timeout_seconds", 0, Integer.MAX_VALUE);
    }

    private void compute(JsonNode task, String field, String compute, Set<String> jobClusters) {
        switch (compute) {
        case "existing_cluster_id" -> {
            String id = text(task, compute, field + compute);
            if (!clusterExists.test(id)) {
                throw invalid(field + "existing_cluster_id " + id + " is not a cluster of this platform");
            }
        }
        case "job_cluster_key" -> {
            String key = text(task, compute, field + compute);
            if (!jobClusters.contains(key)) {
                throw invalid(field + "job_cluster_key " + key + " is not defined in job_clusters"
                        + (jobClusters.isEmpty() ? "" : " (" + String.join(", ", sorted(jobClusters)) + ")"));
            }
        }
        default -> {
            if (!task.get(compute).isObject()) {
                throw invalid(field + "new_cluster must be an object");
            }
        }
        }
    }

    private void payload(String type, JsonNode payload, String field, Set<String> jobClusters) {
        if (!payload.isObject()) {
            throw invalid(field + " must be an object");
        }
        switch (type) {
        case "notebook_task" -> text(payload, "notebook_path", field + ".notebook_path");
        case "spark_jar_task" -> text(payload, "main_class_name", field + ".main_class_name");
        case "spark_python_task" -> text(payload, "python_file", field + ".python_file");
        case "python_wheel_task" -> {
            text(payload, "package_name", field + ".package_name");
            text(payload, "entry_point", field + ".entry_point");
        }
        case "sql_task" -> {
            if (!present(payload, "query") && !present(payload, "file")) {
                throw invalid(field + " needs a query or a file");
            }
        }
        case "condition_task" -> {
            String op = text(payload, "op", field + ".op");
            if (!CONDITION_OPS.contains(op)) {
                throw invalid(field + ".op must be one of " + sorted(CONDITION_OPS) + ", got " + op);
            }
            text(payload, "left", field + ".left");
            text(payload, "right", field + ".right");
        }
        case "run_job_task" -> {
            if (!payload.path("job_id").canConvertToLong()) {
                throw invalid(field + ".job_id must be a job id");
            }
        }
        case "for_each_task" -> {
            if (!present(payload, "inputs")) {
                throw invalid(field + ".inputs is required: a JSON array, or a reference that gives one");
            }
            integer(payload, "concurrency", field + ".concurrency", 1, 100);
            JsonNode nested = payload.get("task");
            if (nested == null || !nested.isObject()) {
                throw invalid(field + ".task is required: the task each iteration runs");
            }
            if (payloads(nested).contains("for_each_task")) {
                throw invalid(field + ".task cannot be another for_each_task");
            }
            task(nested, field + ".task.", jobClusters);
        }
        default -> throw new IllegalStateException(field);
        }
    }

    private static Set<String> jobClusters(JsonNode clusters) {
        Set<String> keys = new HashSet<>();
        if (clusters == null || clusters.isNull()) {
            return keys;
        }
        if (!clusters.isArray()) {
            throw invalid("job_clusters must be an array");
        }
        for (int i = 0; i < clusters.size(); i++) {
            String field = "job_clusters[" + i + "]";
            String key = key(clusters.get(i), "job_cluster_key", field + ".job_cluster_key");
            if (!keys.add(key)) {
                throw invalid("Duplicate job_cluster_key " + key + " in " + field);
            }
            if (!clusters.get(i).path("new_cluster").isObject()) {
                throw invalid(field + ".new_cluster is required: the cluster's spec");
            }
        }
        return keys;
    }

    private static void schedule(JsonNode schedule) {
        if (schedule == null || schedule.isNull()) {
            return;
        }
        if (!schedule.isObject()) {
            throw invalid("schedule must be an object");
        }
        String cron = text(schedule, "quartz_cron_expression", "schedule.quartz_cron_expression");
        try {
            new CronExpression(cron);
        } catch (ParseException e) {
            throw invalid("schedule.quartz_cron_expression " + cron + " is not a Quartz cron expression ("
                    + e.getMessage() + "), e.g. 0 30 2 * * ? for 02:30 every day");
        }
        String zone = text(schedule, "timezone_id", "schedule.timezone_id");
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw invalid("schedule.timezone_id " + zone + " is not a time zone (e.g. UTC, Europe/Berlin)");
        }
        String pause = optionalText(schedule, "pause_status", "schedule.pause_status");
        if (pause != null && !pause.equals("PAUSED") && !pause.equals("UNPAUSED")) {
            throw invalid("schedule.pause_status must be PAUSED or UNPAUSED, got " + pause);
        }
    }

    /** The payload fields a task (or single-task settings) has: every field named {@code *_task}, sorted. */
    static List<String> payloads(JsonNode task) {
        List<String> payloads = new ArrayList<>();
        task.fieldNames().forEachRemaining(name -> {
            if (name.endsWith(PAYLOAD_SUFFIX) && present(task, name)) {
                payloads.add(name);
            }
        });
        payloads.sort(null);
        return payloads;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static boolean present(JsonNode node, String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    private static String key(JsonNode node, String name, String field) {
        String key = node == null ? null : text(node, name, field);
        if (key == null || !KEY.matcher(key).matches()) {
            throw invalid(field + " must be 1 to 100 letters, digits, _ or -, got " + key);
        }
        return key;
    }

    private static String text(JsonNode node, String name, String field) {
        String value = optionalText(node, name, field);
        if (value == null || value.isBlank()) {
            throw invalid(field + " is required");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String name, String field) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return value.asText();
    }

    private static void integer(JsonNode node, String name, String field, long min, long max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw invalid(field + " must be a whole number from " + min
                    + (max == Integer.MAX_VALUE ? " up" : " to " + max) + ", got " + value);
        }
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static BrickworksException invalid(String message) {
        return BrickworksException.invalidParameter(message);
    }
}
