package org.brickworks.jobs.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.jobs.api.TaskRun;
import org.brickworks.jobs.api.TaskType;
import org.brickworks.jobs.api.dto.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One run of a job's tasks: starts each task once its upstream tasks have ended and its {@code run_if} holds (else
 * skips it as {@link Dag} decides), runs each in a thread of its own with its retries and timeout, and ends the run when
 * every task has ended. Every change is written to the store at once, so {@code runs/get} shows it. Cancelling (or the
 * job's timeout) interrupts the running tasks and starts no more.
 */
final class RunExecution {
    private static final Logger LOG = LoggerFactory.getLogger(RunExecution.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    /** How long a task waits for its type while the type's bundle is swapped, before failing the task. */
    static final Duration TYPE_PATIENCE = Duration.ofSeconds(10);
    /** The most characters of a task's exit value or logs kept (5 MB, as Databricks keeps). */
    static final int MAX_OUTPUT_CHARS = 5 * 1024 * 1024;

    private final RunEngine engine;
    private final ObjectNode doc;
    private final long runId;
    private final Long jobId;
    private final String jobName;
    private final int timeoutSeconds;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, String> jobParameters;
    private final Map<String, Object> runParameters;
    private final String user;
    private final Instant createdAt;
    private final Instant triggerTime;
    private final Map<String, Map<String, Object>> taskValues = new HashMap<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private long startedAt;
    private String stoppedAs;
    private String stopMessage;
    private boolean userStopped;
    private ScheduledFuture<?> jobTimeout;

    /** One task of the run. */
    private final class Node {
        final String key;
        final ObjectNode settings;
        final ObjectNode doc;
        final List<Dag.Edge> upstream = new ArrayList<>();
        long taskRunId;
        int attempt;
        boolean started;
        Thread thread;
        volatile boolean timedOut;
        String resultState;
        String outcome;

        Node(ObjectNode settings, ObjectNode doc, long taskRunId) {
            this.key = settings.path("task_key").asText();
            this.settings = settings;
            this.doc = doc;
            this.taskRunId = taskRunId;
            settings.path("depends_on").forEach(d -> upstream.add(new Dag.Edge(d.path("task_key").asText(),
                    d.hasNonNull("outcome") ? d.path("outcome").asText() : null)));
        }
    }

    /**
     * @param doc
     *            the new run's JSON, with its {@code tasks} (each with its {@code run_id}) in the order given
     */
    RunExecution(RunEngine engine, ObjectNode doc, int timeoutSeconds, Map<String, String> jobParameters,
            Map<String, Object> runParameters, String user, Instant triggerTime) {
        this.engine = engine;
        this.doc = doc;
        this.runId = doc.path("run_id").asLong();
        this.jobId = doc.hasNonNull("job_id") ? doc.path("job_id").asLong() : null;
        this.jobName = doc.path("run_name").asText();
        this.timeoutSeconds = timeoutSeconds;
        this.runParameters = runParameters;
        this.user = user;
        this.createdAt = Instant.ofEpochMilli(doc.path("start_time").asLong());
        this.triggerTime = triggerTime == null ? createdAt : triggerTime;
        this.jobParameters = new LinkedHashMap<>(jobParameters);
        for (JsonNode task : doc.path("tasks")) {
            ObjectNode settings = ((ObjectNode) task).deepCopy();
            for (String runField : List.of("run_id", "state", "status", "attempt_number")) {
                settings.remove(runField);
            }
            nodes.put(settings.path("task_key").asText(), new Node(settings, (ObjectNode) task,
                    task.path("run_id").asLong()));
        }
        // Defaults may name the run's start time: {{job.start_time.iso_date}}.
        this.jobParameters.replaceAll((name, value) -> References.resolve(value, n -> lookup(null, n)));
    }

    long runId() {
        return runId;
    }

    Long jobId() {
        return jobId;
    }

    /** Waits until the run has ended. */
    void awaitEnd() throws InterruptedException {
        ended.await();
    }

    synchronized boolean isEnded() {
        return RunStates.ended(doc);
    }

    /** Queues the run: it waits for one of the job's active runs to end. */
    synchronized void queue(String message) {
        RunStates.set(doc, "QUEUED", null, message, null, false);
        engine.runs().save(doc);
    }

    /** Skips the run before it starts: the job is at its {@code max_concurrent_runs}, without a queue. */
    synchronized void skip(String message) {
        RunStates.set(doc, "SKIPPED", "MAXIMUM_CONCURRENT_RUNS_REACHED", message, null, false);
        doc.put("end_time", engine.clock().millis());
        save();
        ended.countDown();
    }

    /** Whether the run has started its tasks (it is not, or was not, queued). */
    synchronized boolean started() {
        return startedAt != 0;
    }

    /** Starts the run's tasks. */
    synchronized void start() {
        if (RunStates.ended(doc)) {
            return;
        }
        startedAt = engine.clock().millis();
        doc.put("queue_duration", startedAt - createdAt.toEpochMilli());
        RunStates.set(doc, "RUNNING", null, "", null, false);
        if (timeoutSeconds > 0) {
            jobTimeout = engine.timers().schedule(() -> stop("TIMEDOUT",
                    "The run did not finish within its timeout of " + timeoutSeconds + " s", false), timeoutSeconds,
                    TimeUnit.SECONDS);
        }
        advance();
    }

    /**
     * Stops the run: a queued run ends at once, a running one interrupts its running tasks and starts no more.
     *
     * @param resultState
     *            {@code CANCELED} or {@code TIMEDOUT}
     */
    synchronized void stop(String resultState, String message, boolean byUser) {
        if (RunStates.ended(doc) || stoppedAs != null) {
            return;
        }
        stoppedAs = resultState;
        stopMessage = message;
        userStopped = byUser;
        if (doc.path("state").path("life_cycle_state").asText().equals("QUEUED")) {
            nodes.values().forEach(n -> endTask(n, "SKIPPED", resultState, message, null));
            finish();
            return;
        }
        RunStates.set(doc, "TERMINATING", null, message, null, byUser);
        nodes.values().stream().filter(n -> n.thread != null).forEach(n -> n.thread.interrupt());
        advance();
    }

    /**
     * Ends the run at once as {@code INTERNAL_ERROR}: the jobs service stops (its bundle is updated, the platform
     * shuts down) while the run is in flight. Its running tasks are interrupted and end without writing.
     */
    synchronized void abandon(String message) {
        if (RunStates.ended(doc)) {
            return;
        }
        stoppedAs = "FAILED";
        nodes.values().forEach(n -> {
            if (n.resultState == null) {
                endTask(n, "INTERNAL_ERROR", "FAILED", message, "INTERNAL_ERROR");
            }
            if (n.thread != null) {
                n.thread.interrupt();
            }
        });
        end("INTERNAL_ERROR", "FAILED", message, "INTERNAL_ERROR");
    }

    /** Starts every task whose upstream tasks have ended, or skips it; ends the run when all tasks have. */
    private void advance() {
        for (Node node : nodes.values()) {
            if (node.started || !node.upstream.stream().allMatch(e -> nodes.get(e.upstream()).resultState != null)) {
                continue;
            }
            node.started = true;
            if (stoppedAs != null) {
                endTask(node, "SKIPPED", stoppedAs.equals("TIMEDOUT") ? "TIMEDOUT" : "CANCELED",
                        "The run was stopped before this task started", null);
            } else if (node.settings.path("disabled").asBoolean(false)) {
                endTask(node, "SKIPPED", "DISABLED", "The task is disabled", null);
            } else {
                Map<String, Dag.Ended> upstream = new HashMap<>();
                node.upstream.forEach(e -> upstream.put(e.upstream(),
                        new Dag.Ended(nodes.get(e.upstream()).resultState, nodes.get(e.upstream()).outcome)));
                String decision = Dag.decide(node.settings.path("run_if").asText(null), node.upstream, upstream);
                if (decision.equals(Dag.RUN)) {
                    node.doc.put("start_time", engine.clock().millis());
                    RunStates.set(node.doc, "PENDING", null, "", null, false);
                    node.thread = engine.threads().newThread(() -> runTask(node));
                    node.thread.setName("brickworks-job-run-" + runId + "-" + node.key);
                    node.thread.start();
                } else {
                    endTask(node, "SKIPPED", decision, skipMessage(decision), null);
                }
            }
        }
        if (nodes.values().stream().allMatch(n -> n.resultState != null)) {
            finish();
        } else {
            save();
        }
    }

    private static String skipMessage(String resultState) {
        return switch (resultState) {
        case "UPSTREAM_FAILED" -> "An upstream task failed";
        case "UPSTREAM_CANCELED" -> "An upstream task was cancelled";
        default -> "The task's run_if condition was not met";
        };
    }

    /** A task's thread: its attempts, until one succeeds, its retries are spent, or the run stops. */
    private void runTask(Node node) {
        Outcome outcome;
        while (true) {
            long attemptRunId;
            synchronized (this) {
                if (stoppedAs != null && RunStates.ended(doc)) {
                    return; // abandoned
                }
                node.doc.put("run_id", node.taskRunId);
                node.doc.put("attempt_number", node.attempt);
                RunStates.set(node.doc, "RUNNING", null, "", null, false);
                save();
                attemptRunId = node.taskRunId;
            }
            long start = engine.clock().millis();
            outcome = attempt(node, attemptRunId);
            ObjectNode output = outputOf(node, outcome, start);
            engine.runs().saveOutput(attemptRunId, output);
            int maxRetries = node.settings.path("max_retries").asInt(0);
            boolean retryable = outcome.resultState.equals("FAILED")
                    || outcome.resultState.equals("TIMEDOUT") && node.settings.path("retry_on_timeout").asBoolean();
            synchronized (this) {
                if (!retryable || stoppedAs != null || maxRetries >= 0 && node.attempt >= maxRetries) {
                    break;
                }
                RunStates.set(node.doc, "WAITING_FOR_RETRY", null, outcome.message, null, false);
                save();
            }
            try {
                Thread.sleep(node.settings.path("min_retry_interval_millis").asLong(0));
            } catch (InterruptedException e) {
                break; // stopped: the last attempt's outcome stands
            }
            long next = engine.runs().newAttempt(runId, jobId);
            synchronized (this) {
                node.attempt++;
                node.taskRunId = next;
                node.timedOut = false;
            }
        }
        synchronized (this) {
            if (RunStates.ended(doc)) {
                return; // abandoned meanwhile
            }
            node.thread = null;
            node.outcome = outcome.conditionOutcome;
            endTask(node, outcome.lifeCycle, stoppedAs != null && !outcome.resultState.equals("SUCCESS")
                    ? stoppedAs : outcome.resultState, outcome.message, outcome.code);
            advance();
        }
    }

    /** How one attempt ended. */
    private record Outcome(String lifeCycle, String resultState, String message, String code, TaskResult result,
            String conditionOutcome) {
        static Outcome internal(String code, String message) {
            return new Outcome("INTERNAL_ERROR", "FAILED", message, code, null, null);
        }
    }

    private Outcome attempt(Node node, long attemptRunId) {
        List<String> payloads = SettingsCheck.payloads(node.settings);
        String typeName = payloads.isEmpty() ? "" : payloads.get(0);
        TaskType type;
        try {
            type = engine.types().await(typeName, TYPE_PATIENCE);
        } catch (InterruptedException e) {
            return stopped(null);
        }
        if (type == null) {
            return Outcome.internal("INVALID_RUN_CONFIGURATION", "No task type runs " + typeName
                    + " on this platform: the plugin that adds it is not installed");
        }
        String clusterId = null;
        if (type.runsOnCluster()) {
            clusterId = node.settings.path("existing_cluster_id").asText(null);
            if (clusterId == null) {
                return Outcome.internal("INVALID_RUN_CONFIGURATION", "Task " + node.key
                        + " needs a job cluster (job_cluster_key or new_cluster), which this version of the platform"
                        + " does not create yet: give it an existing_cluster_id");
            }
            try {
                engine.clusters().ensureRunning(clusterId);
            } catch (InterruptedException e) {
                return stopped(null);
            } catch (BrickworksException e) {
                return Outcome.internal("CLUSTER_ERROR", "Cluster " + clusterId + " could not run the task: "
                        + e.getMessage());
            }
            synchronized (this) {
                node.doc.putObject("cluster_instance").put("cluster_id", clusterId);
            }
        }
        Map<String, Object> payload = RunStore.JSON.convertValue(
                References.resolve(node.settings.path(typeName), name -> lookup(node, name)), MAP);
        Thread self = Thread.currentThread();
        int timeout = node.settings.path("timeout_seconds").asInt(0);
        ScheduledFuture<?> timer = timeout <= 0 ? null : engine.timers().schedule(() -> {
            node.timedOut = true;
            self.interrupt();
        }, timeout, TimeUnit.SECONDS);
        TaskResult result;
        try {
            result = type.run(new Attempt(node, attemptRunId, payload, clusterId));
        } catch (InterruptedException e) {
            result = null;
        } catch (Exception | LinkageError e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            result = TaskResult.failure(e.getMessage() == null ? e.toString() : e.getMessage(), trace.toString(),
                    Map.of(), "");
        } finally {
            if (timer != null) {
                timer.cancel(false);
            }
            Thread.interrupted(); // an interruption meant for this attempt ends with it
        }
        if (node.timedOut) {
            return new Outcome("TERMINATED", "TIMEDOUT", "The task did not finish within its timeout of " + timeout
                    + " s and was cancelled", null, result, null);
        }
        synchronized (this) {
            if (stoppedAs != null) {
                return stopped(result);
            }
        }
        if (result == null) {
            return Outcome.internal("INTERNAL_ERROR", "The task was interrupted");
        }
        return result.succeeded()
                ? new Outcome("TERMINATED", "SUCCESS", result.message(), null, result, result.conditionOutcome())
                : new Outcome("TERMINATED", "FAILED", result.message(), null, result, null);
    }

    private synchronized Outcome stopped(TaskResult result) {
        String state = stoppedAs == null ? "CANCELED" : stoppedAs;
        return new Outcome("TERMINATED", state, stopMessage == null ? "The run was stopped" : stopMessage,
                userStopped ? "USER_CANCELED" : null, result, null);
    }

    /** What {@code runs/get-output} answers for an attempt, less its {@code metadata}. */
    private ObjectNode outputOf(Node node, Outcome outcome, long start) {
        ObjectNode output = RunStore.JSON.createObjectNode();
        TaskResult result = outcome.result;
        if (result != null) {
            result.output().forEach((field, value) -> output.set(field, RunStore.JSON.valueToTree(value)));
            if (!result.logs().isEmpty()) {
                String logs = result.logs();
                boolean cut = logs.length() > MAX_OUTPUT_CHARS;
                output.put("logs", cut ? logs.substring(logs.length() - MAX_OUTPUT_CHARS) : logs);
                output.put("logs_truncated", cut);
            }
            if (!result.errorTrace().isEmpty()) {
                output.put("error_trace", result.errorTrace());
            }
        }
        if (!outcome.resultState.equals("SUCCESS")) {
            output.put("error", outcome.message);
        }
        output.put("start_time", start);
        output.put("end_time", engine.clock().millis());
        return output;
    }

    /** Ends a task; its state and timings go into the run's JSON. */
    private void endTask(Node node, String lifeCycle, String resultState, String message, String code) {
        long now = engine.clock().millis();
        node.resultState = resultState;
        if (!node.doc.has("start_time")) {
            node.doc.put("start_time", 0);
        }
        node.doc.put("end_time", now);
        long started = node.doc.path("start_time").asLong();
        node.doc.put("setup_duration", 0);
        node.doc.put("execution_duration", started == 0 ? 0 : now - started);
        node.doc.put("cleanup_duration", 0);
        node.doc.put("run_duration", started == 0 ? 0 : now - started);
        RunStates.set(node.doc, lifeCycle, resultState, message, code,
                userStopped && resultState.equals("CANCELED"));
    }

    /** Ends the run from its tasks' results. */
    private void finish() {
        Map<String, String> states = new LinkedHashMap<>();
        nodes.forEach((key, node) -> states.put(key, node.resultState));
        List<String> leaves = new ArrayList<>(nodes.keySet());
        nodes.values().forEach(n -> n.upstream.forEach(e -> leaves.remove(e.upstream())));
        Node internal = nodes.values().stream()
                .filter(n -> n.doc.path("state").path("life_cycle_state").asText().equals("INTERNAL_ERROR"))
                .findFirst().orElse(null);
        if (internal != null && stoppedAs == null) {
            JsonNode state = internal.doc.path("state");
            end("INTERNAL_ERROR", "FAILED", "Task " + internal.key + " failed: " + state.path("state_message").asText(),
                    internal.doc.path("status").path("termination_details").path("code").asText());
            return;
        }
        String result = Dag.result(states, leaves, stoppedAs);
        String message = switch (result) {
        case "SUCCESS" -> "";
        case "CANCELED", "TIMEDOUT" -> stopMessage;
        default -> {
            List<String> failed = states.entrySet().stream()
                    .filter(e -> e.getValue().equals("FAILED") || e.getValue().equals("TIMEDOUT"))
                    .map(Map.Entry::getKey).toList();
            yield failed.size() + "/" + states.size() + " tasks failed: " + String.join(", ", failed)
                    + (failed.size() == 1 ? " (" + nodes.get(failed.get(0)).doc.path("state")
                            .path("state_message").asText() + ")" : "");
        }
        };
        end("TERMINATED", result, message, null);
    }

    private void end(String lifeCycle, String result, String message, String code) {
        if (jobTimeout != null) {
            jobTimeout.cancel(false);
        }
        long now = engine.clock().millis();
        long start = startedAt == 0 ? now : startedAt;
        doc.put("end_time", now);
        doc.put("setup_duration", 0);
        doc.put("execution_duration", now - start);
        doc.put("cleanup_duration", 0);
        doc.put("run_duration", now - createdAt.toEpochMilli());
        RunStates.set(doc, lifeCycle, result, message, code, userStopped || "TIMEDOUT".equals(stoppedAs));
        save();
        ended.countDown();
        engine.timers().execute(() -> engine.ended(this)); // not under this run's lock: the engine's comes first
        LOG.debug("Run {} of job {} ended {} {}", runId, jobId, lifeCycle, result);
    }

    private void save() {
        engine.runs().save(doc);
    }

    /** A reference's value for a task of this run, or null when it is not one this run knows. */
    private synchronized String lookup(Node node, String name) {
        switch (name) {
        case "job.id", "job_id" :
            return jobId == null ? "" : jobId.toString();
        case "job.name" :
            return jobName;
        case "job.run_id", "run.id", "parent_run_id" :
            return Long.toString(runId);
        case "task.name", "task_key" :
            return node == null ? null : node.key;
        case "task.run_id", "run_id" :
            return node == null ? Long.toString(runId) : Long.toString(node.taskRunId);
        case "job.trigger.type" :
            return doc.path("trigger").asText();
        case "start_date" :
            return References.timePart(createdAt, "iso_date");
        case "start_time" :
            return Long.toString(createdAt.toEpochMilli());
        default :
            break;
        }
        if (name.startsWith("job.parameters.")) {
            return jobParameters.get(name.substring("job.parameters.".length()));
        }
        if (name.startsWith("job.start_time.")) {
            return References.timePart(createdAt, name.substring("job.start_time.".length()));
        }
        if (name.startsWith("job.trigger.time.")) {
            return References.timePart(triggerTime, name.substring("job.trigger.time.".length()));
        }
        if (name.startsWith("tasks.")) {
            String[] parts = name.split("\\.", 4);
            Node task = parts.length >= 3 ? nodes.get(parts[1]) : null;
            if (task == null) {
                return null;
            }
            if (parts.length == 4 && parts[2].equals("values")) {
                Object value = taskValues.getOrDefault(task.key, Map.of()).get(parts[3]);
                return value == null ? null
                        : value instanceof String text ? text : RunStore.text(RunStore.JSON.valueToTree(value));
            }
            return switch (parts[2]) {
            case "result_state" -> task.resultState == null ? "" : task.resultState.toLowerCase();
            case "run_id" -> Long.toString(task.taskRunId);
            default -> null;
            };
        }
        return null;
    }

    /** An attempt as its task type sees it. */
    private final class Attempt implements TaskRun {
        private final Node node;
        private final long attemptRunId;
        private final Map<String, Object> payload;
        private final String clusterId;

        Attempt(Node node, long attemptRunId, Map<String, Object> payload, String clusterId) {
            this.node = node;
            this.attemptRunId = attemptRunId;
            this.payload = Collections.unmodifiableMap(payload);
            this.clusterId = clusterId;
        }

        @Override
        public long jobId() {
            return jobId == null ? 0 : jobId;
        }

        @Override
        public long runId() {
            return runId;
        }

        @Override
        public long taskRunId() {
            return attemptRunId;
        }

        @Override
        public String taskKey() {
            return node.key;
        }

        @Override
        public String user() {
            return user;
        }

        @Override
        public Map<String, Object> payload() {
            return payload;
        }

        @Override
        public String clusterId() {
            return clusterId;
        }

        @Override
        public Map<String, String> jobParameters() {
            return Collections.unmodifiableMap(jobParameters);
        }

        @Override
        public Map<String, Object> runParameters() {
            return Collections.unmodifiableMap(runParameters);
        }

        @Override
        public void setTaskValue(String name, Object value) {
            synchronized (RunExecution.this) {
                taskValues.computeIfAbsent(node.key, k -> new HashMap<>()).put(name, value);
            }
        }
    }
}
