package org.brickworks.jobs.internal;

import java.io.IOException;
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
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.jobs.internal.RunEngine.Compute;
import org.brickworks.jobs.api.TaskRun;
import org.brickworks.jobs.api.TaskType;
import org.brickworks.jobs.api.dto.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
    /** The settings the run started with: its timeout, notifications and health rules. */
    private final JsonNode settings;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, String> jobParameters;
    private final Map<String, Object> runParameters;
    private final String user;
    private final Instant createdAt;
    private final Instant triggerTime;
    private final Map<String, Map<String, Object>> taskValues = new HashMap<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    /** Each job cluster of the run by its key, once a task asked for it: its id, or why it could not be made. */
    private final Map<String, CompletableFuture<String>> jobClusters = new HashMap<>();
    /** The job clusters (of keys and of tasks' own {@code new_cluster}) made for this run and not yet terminated. */
    private final Set<String> liveClusters = new HashSet<>();
    private long startedAt;
    private boolean started;
    private String stoppedAs;
    private String stopMessage;
    private boolean userStopped;
    private ScheduledFuture<?> jobTimeout;
    private boolean repairing;
    /** The service stopped under the run, which its next start retries: nothing more is written. */
    private boolean abandoned;

    /** One task of the run. */
    private final class Node {
        final String key;
        final String clusterKey;
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
        String ownCluster;
        /** A {@code for_each_task} iteration's element, as {@code {{input}}} gives it. */
        String input;

        /** A task of a stored run that is not run again: it keeps how it ended, a condition its outcome. */
        void keepEnded() {
            started = true;
            resultState = doc.path("state").path("result_state").asText("FAILED");
            outcome = doc.path("condition_task").path("outcome").asText(null);
        }

        Node(ObjectNode settings, ObjectNode doc, long taskRunId) {
            this.key = settings.path("task_key").asText();
            this.settings = settings;
            // a for_each_task's iterations use its nested task's job cluster: it lives until the iterations end
            this.clusterKey = settings.path("job_cluster_key")
                    .asText(settings.path("for_each_task").path("task").path("job_cluster_key").asText(null));
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
    RunExecution(RunEngine engine, ObjectNode doc, JsonNode settings, Map<String, String> jobParameters,
            Map<String, Object> runParameters, String user, Instant triggerTime) {
        this.engine = engine;
        this.doc = doc;
        this.runId = doc.path("run_id").asLong();
        this.jobId = doc.hasNonNull("job_id") ? doc.path("job_id").asLong() : null;
        this.jobName = doc.path("run_name").asText();
        this.settings = settings;
        this.timeoutSeconds = settings.path("timeout_seconds").asInt(0);
        this.runParameters = runParameters;
        this.user = user;
        this.createdAt = Instant.ofEpochMilli(doc.path("start_time").asLong());
        this.triggerTime = triggerTime == null ? createdAt : triggerTime;
        this.jobParameters = new LinkedHashMap<>(jobParameters);
        for (JsonNode task : doc.path("tasks")) {
            ObjectNode taskSettings = ((ObjectNode) task).deepCopy();
            for (String runField : List.of("run_id", "state", "status", "attempt_number")) {
                taskSettings.remove(runField);
            }
            nodes.put(taskSettings.path("task_key").asText(), new Node(taskSettings, (ObjectNode) task,
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

    /** Whether the run has ended (the engine may not have let it go yet). */
    boolean hasEnded() {
        return ended.getCount() == 0;
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
        String event = endEvent();
        if (event != null) {
            engine.notifier().notify(event, settings, doc);
        }
    }

    private synchronized void durationExceeded() {
        if (!RunStates.ended(doc)) {
            engine.notifier().notify(Notifier.ON_DURATION, settings, doc);
        }
    }

    /** The notification a run's end sends, by how it ended; null for none. */
    private String endEvent() {
        JsonNode state = doc.path("state");
        String result = state.path("result_state").asText();
        if (result.equals("SUCCESS")) {
            return Notifier.ON_SUCCESS;
        }
        boolean skipped = state.path("life_cycle_state").asText().equals("SKIPPED");
        if (skipped && (settings.path("email_notifications").path("no_alert_for_skipped_runs").asBoolean(false)
                || settings.path("notification_settings").path("no_alert_for_skipped_runs").asBoolean(false))) {
            return null;
        }
        if (result.equals("CANCELED")
                && settings.path("notification_settings").path("no_alert_for_canceled_runs").asBoolean(false)) {
            return null;
        }
        return Notifier.ON_FAILURE;
    }

    /** Whether the run has started, or is about to start, its tasks (it is not, or was not, queued). */
    synchronized boolean started() {
        return started;
    }

    /** Counts the run as started before {@link #start} runs: the engine's concurrency limit counts it at once. */
    synchronized void markStarted() {
        started = true;
    }

    /** A task of the stored run that is not run again keeps how it ended and the task values it set. */
    private void keepEnded(Node node) {
        node.keepEnded();
        ObjectNode output = engine.runs().output(node.taskRunId);
        JsonNode values = output == null ? null : output.get(RunEngine.TASK_VALUES);
        if (values != null && values.isObject()) {
            taskValues.put(node.key, RunStore.JSON.convertValue(values, MAP));
        }
    }

    /**
     * Makes this execution a repair of its ended run: the tasks of {@code rerun} run again, each with a new attempt
     * id, and the others keep how they ended (a condition its outcome). {@link #start} then starts it.
     */
    synchronized void prepareRepair(Map<String, Long> rerun) {
        repairing = true;
        nodes.values().forEach(node -> {
            Long attemptId = rerun.get(node.key);
            if (attemptId == null) {
                keepEnded(node);
                return;
            }
            node.taskRunId = attemptId;
            for (String field : List.of("start_time", "end_time", "cluster_instance", "iterations", "setup_duration",
                    "execution_duration", "cleanup_duration", "run_duration")) {
                node.doc.remove(field);
            }
            node.doc.put("run_id", attemptId);
            node.doc.put("attempt_number", 0);
            RunStates.set(node.doc, "PENDING", null, "", null, false);
        });
        doc.put("end_time", 0);
        RunStates.set(doc, "PENDING", null, "", null, false);
    }

    /**
     * Makes this execution go on with its run after the platform stopped under it: the tasks of {@code retried} (in
     * flight then, with retries left) run their next attempt under a new id, other in-flight tasks end
     * {@code INTERNAL_ERROR}, ended tasks keep how they ended, and tasks not yet started start as their upstream
     * tasks end. {@link #start} then starts it, without a start notification.
     */
    synchronized void prepareResume(Map<String, Long> retried, String message) {
        repairing = true;
        nodes.values().forEach(node -> {
            if (RunStates.ended(node.doc)) {
                keepEnded(node);
            } else if (retried.containsKey(node.key)) {
                node.attempt = node.doc.path("attempt_number").asInt(0) + 1;
                node.taskRunId = retried.get(node.key);
                node.doc.remove(List.of("start_time", "end_time", "cluster_instance"));
                RunStates.set(node.doc, "PENDING", null, message, null, false);
            } else if (inFlight(node.doc)) {
                node.started = true;
                endTask(node, "INTERNAL_ERROR", "FAILED", message, "INTERNAL_ERROR");
            }
        });
        RunStates.set(doc, "PENDING", null, "", null, false);
    }

    /** Whether a task of a stored run was in flight: started and not ended. */
    static boolean inFlight(JsonNode task) {
        return !RunStates.ended((ObjectNode) task) && task.path("start_time").asLong(0) > 0;
    }

    /** Whether a task of a stored run may be attempted once more. */
    static boolean retriesLeft(JsonNode task) {
        int maxRetries = task.path("max_retries").asInt(0);
        return maxRetries < 0 || task.path("attempt_number").asInt(0) < maxRetries;
    }

    /** Starts the run's tasks. */
    synchronized void start() {
        if (RunStates.ended(doc)) {
            return;
        }
        started = true;
        startedAt = engine.clock().millis();
        if (!repairing) {
            doc.put("queue_duration", startedAt - createdAt.toEpochMilli());
        }
        RunStates.set(doc, "RUNNING", null, "", null, false);
        if (!repairing) {
            engine.notifier().notify(Notifier.ON_START, settings, doc);
        }
        for (JsonNode rule : settings.path("health").path("rules")) {
            if (rule.path("metric").asText().equals("RUN_DURATION_SECONDS")
                    && rule.path("op").asText().equals("GREATER_THAN") && rule.path("value").asLong() > 0) {
                engine.timers().schedule(this::durationExceeded, rule.path("value").asLong(), TimeUnit.SECONDS);
            }
        }
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
     * The jobs service stops (its bundle is updated, the platform shuts down) while the run is in flight: its running
     * tasks are interrupted and end without writing, and the run ends at once as {@code INTERNAL_ERROR}, unless one of
     * them has retries left: then the stored run stays as it is, and the service's next start retries that task.
     */
    synchronized void abandon(String message) {
        if (RunStates.ended(doc)) {
            return;
        }
        stoppedAs = "FAILED";
        if (nodes.values().stream().anyMatch(n -> n.thread != null && retriesLeft(n.doc))) {
            // A task in flight may be retried: the stored run stays in flight, and the next start of the jobs
            // service (the platform's, or the updated bundle's) retries it. This execution writes nothing more.
            abandoned = true;
            nodes.values().stream().filter(n -> n.thread != null).forEach(n -> n.thread.interrupt());
            List.copyOf(liveClusters).forEach(this::release);
            ended.countDown();
            return;
        }
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
        Outcome outcome = attempts(node);
        synchronized (this) {
            if (outcome == null || abandoned || RunStates.ended(doc)) {
                return; // abandoned meanwhile
            }
            node.thread = null;
            node.outcome = outcome.conditionOutcome;
            if (node.outcome != null && node.doc.path("condition_task").isObject()) {
                ((ObjectNode) node.doc.get("condition_task")).put("outcome", node.outcome);
            }
            endTask(node, outcome.lifeCycle, stoppedAs != null && !outcome.resultState.equals("SUCCESS")
                    ? stoppedAs : outcome.resultState, outcome.message, outcome.code);
            advance();
        }
    }

    /** A task's attempts, until one succeeds, its retries are spent, or the run stops; null when abandoned. */
    private Outcome attempts(Node node) {
        Outcome outcome;
        while (true) {
            long attemptRunId;
            synchronized (this) {
                if (abandoned || stoppedAs != null && RunStates.ended(doc)) {
                    return null; // abandoned
                }
                node.doc.put("run_id", node.taskRunId);
                node.doc.put("attempt_number", node.attempt);
                RunStates.set(node.doc, "RUNNING", null, "", null, false);
                save();
                attemptRunId = node.taskRunId;
            }
            long start = engine.clock().millis();
            outcome = attempt(node, attemptRunId);
            synchronized (this) {
                if (abandoned) {
                    return null;
                }
            }
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
        return outcome;
    }

    /**
     * {@code for_each_task}: runs its nested {@code task} once per element of {@code inputs} (a JSON array, or a
     * reference that gives one), at most {@code concurrency} at a time, each iteration with its own run id, its own
     * retries and {@code {{input}}} resolved to its element; the iterations are the task's {@code iterations} in the
     * run. It succeeds when every iteration does.
     */
    TaskResult iterate(TaskRun task) throws InterruptedException {
        Node parent;
        synchronized (this) {
            parent = nodes.get(task.taskKey());
        }
        Object given = task.payload().get("inputs");
        List<JsonNode> inputs = new ArrayList<>();
        try {
            JsonNode array = given instanceof String text ? RunStore.JSON.readTree(text)
                    : RunStore.JSON.valueToTree(given);
            if (!array.isArray()) {
                throw new IllegalArgumentException("not an array");
            }
            array.forEach(inputs::add);
        } catch (IOException | IllegalArgumentException e) {
            return TaskResult.failure("for_each_task.inputs must be a JSON array, got " + given, "", Map.of(), "");
        }
        int concurrency = Math.max(1, ((Number) task.payload().getOrDefault("concurrency", 1)).intValue());
        ObjectNode nested = (ObjectNode) parent.settings.path("for_each_task").path("task");
        List<Node> iterations = new ArrayList<>();
        synchronized (this) {
            ArrayNode docs = parent.doc.putArray("iterations");
            for (int i = 0; i < inputs.size(); i++) {
                ObjectNode settings = nested.deepCopy();
                settings.put("task_key", parent.key + "_iteration_" + i);
                ObjectNode iterationDoc = settings.deepCopy();
                RunStates.set(iterationDoc, "PENDING", null, "", null, false);
                docs.add(iterationDoc);
                Node iteration = new Node(settings, iterationDoc, 0);
                JsonNode input = inputs.get(i);
                iteration.input = input.isTextual() ? input.asText() : RunStore.text(input);
                iterations.add(iteration);
            }
            save();
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, engine.threads());
        List<Future<Outcome>> running = new ArrayList<>();
        for (Node iteration : iterations) {
            running.add(pool.submit(() -> iteration(iteration)));
        }
        pool.shutdown();
        int failed = 0;
        try {
            for (Future<Outcome> outcome : running) {
                Outcome ended = outcome.get();
                if (ended == null || !ended.resultState.equals("SUCCESS")) {
                    failed++;
                }
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            throw e;
        } catch (ExecutionException e) {
            pool.shutdownNow();
            throw new IllegalStateException(e.getCause());
        }
        synchronized (this) {
            ObjectNode stats = parent.doc.putObject("for_each_task").putObject("stats").putObject("task_run_stats");
            stats.put("total_iterations", inputs.size());
            stats.put("completed_iterations", inputs.size());
            stats.put("succeeded_iterations", inputs.size() - failed);
            stats.put("failed_iterations", failed);
        }
        return failed == 0 ? TaskResult.success(Map.of(), "")
                : TaskResult.failure(failed + " of " + inputs.size() + " iterations failed", "", Map.of(), "");
    }

    /** One iteration of a {@code for_each_task}: its attempts, then its state in the run. */
    private Outcome iteration(Node iteration) {
        long first = engine.runs().newAttempt(runId, jobId);
        synchronized (this) {
            iteration.taskRunId = first;
            iteration.doc.put("start_time", engine.clock().millis());
        }
        Outcome outcome = attempts(iteration);
        synchronized (this) {
            if (outcome != null && !abandoned && !RunStates.ended(doc)) {
                endTask(iteration, outcome.lifeCycle, outcome.resultState, outcome.message, outcome.code);
                save();
            }
        }
        return outcome;
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
            try {
                clusterId = cluster(node);
            } catch (InterruptedException e) {
                return stopped(null);
            } catch (BrickworksException e) {
                return Outcome.internal(e.errorCode() == ErrorCode.INVALID_PARAMETER_VALUE
                        ? "INVALID_CLUSTER_REQUEST" : "CLUSTER_ERROR",
                        "The task's cluster could not run it: "
                                + e.getMessage());
            }
            synchronized (this) {
                node.doc.putObject("cluster_instance").put("cluster_id", clusterId);
            }
            try {
                engine.compute().install(clusterId, node.settings.path("libraries"));
            } catch (InterruptedException e) {
                return stopped(null);
            } catch (BrickworksException e) {
                return Outcome.internal("LIBRARY_INSTALLATION_ERROR", "The task's libraries could not be installed: "
                        + e.getMessage());
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

    /**
     * The RUNNING cluster a task runs on: its existing cluster (started when TERMINATED), its job cluster (made by the
     * first task that needs it, shared by the run's tasks with its key), or its own {@code new_cluster} (made once for
     * all its attempts).
     */
    private String cluster(Node node) throws InterruptedException {
        Compute compute = engine.compute();
        String existing = node.settings.path("existing_cluster_id").asText(null);
        if (existing != null) {
            compute.awaitRunning(existing, true);
            return existing;
        }
        String clusterId;
        if (node.clusterKey != null) {
            CompletableFuture<String> made;
            boolean maker = false;
            synchronized (this) {
                made = jobClusters.get(node.clusterKey);
                if (made == null) {
                    made = new CompletableFuture<>();
                    jobClusters.put(node.clusterKey, made);
                    maker = true;
                }
            }
            if (maker) {
                try {
                    made.complete(make(jobClusterSpec(node.clusterKey), node.clusterKey));
                } catch (RuntimeException e) {
                    made.completeExceptionally(e);
                }
            }
            try {
                clusterId = made.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof BrickworksException failure ? failure
                        : new BrickworksException(ErrorCode.INTERNAL_ERROR, e.getCause().toString(), e.getCause());
            }
        } else {
            synchronized (this) {
                clusterId = node.ownCluster;
            }
            if (clusterId == null) {
                clusterId = make(node.settings.path("new_cluster"), node.key);
                synchronized (this) {
                    node.ownCluster = clusterId;
                }
            }
        }
        compute.awaitRunning(clusterId, false);
        return clusterId;
    }

    private synchronized JsonNode jobClusterSpec(String key) {
        for (JsonNode cluster : doc.path("job_clusters")) {
            if (cluster.path("job_cluster_key").asText().equals(key)) {
                return cluster.path("new_cluster");
            }
        }
        throw BrickworksException.invalidParameter("job_cluster_key " + key + " is not defined in job_clusters");
    }

    /** Makes a job cluster named after the job, the run and what it is for. */
    private String make(JsonNode spec, String purpose) {
        String id = engine.compute().create(spec, "job-" + (jobId == null ? "submit" : jobId) + "-run-" + runId
                + "-" + purpose, user);
        boolean stopped;
        synchronized (this) {
            liveClusters.add(id);
            stopped = RunStates.ended(doc);
        }
        if (stopped) {
            release(id); // the run ended while the cluster was being made
        }
        return id;
    }

    /** Terminates a job cluster of this run, once. */
    private void release(String clusterId) {
        boolean live;
        synchronized (this) {
            live = liveClusters.remove(clusterId);
        }
        if (live) {
            engine.timers().execute(() -> engine.compute().terminate(clusterId));
        }
    }

    /** After a task ended: its own cluster, and its key's cluster when no task of the key is left to run. */
    private void releaseClustersOf(Node node) {
        if (node.ownCluster != null) {
            release(node.ownCluster);
        }
        CompletableFuture<String> shared = node.clusterKey == null ? null : jobClusters.get(node.clusterKey);
        if (shared != null && shared.isDone() && !shared.isCompletedExceptionally() && nodes.values().stream()
                .filter(n -> node.clusterKey.equals(n.clusterKey)).allMatch(n -> n.resultState != null)) {
            release(shared.join());
        }
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
            if (!result.views().isEmpty()) {
                output.set(RunEngine.VIEWS, RunStore.JSON.valueToTree(result.views()));
            }
        }
        synchronized (this) {
            Map<String, Object> values = taskValues.get(node.key);
            if (values != null) {
                output.set(RunEngine.TASK_VALUES, RunStore.JSON.valueToTree(values));
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
        releaseClustersOf(node);
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
        List.copyOf(liveClusters).forEach(this::release);
        long now = engine.clock().millis();
        long start = startedAt == 0 ? now : startedAt;
        doc.put("end_time", now);
        doc.put("setup_duration", 0);
        doc.put("execution_duration", now - start);
        doc.put("cleanup_duration", 0);
        doc.put("run_duration", now - createdAt.toEpochMilli());
        RunStates.set(doc, lifeCycle, result, message, code, userStopped || "TIMEDOUT".equals(stoppedAs));
        JsonNode history = doc.path("repair_history");
        if (history.isArray() && !history.isEmpty()) {
            ObjectNode latest = (ObjectNode) history.get(history.size() - 1);
            latest.put("end_time", now);
            latest.set("state", doc.get("state").deepCopy());
            latest.set("status", doc.get("status").deepCopy());
        }
        save();
        ended.countDown();
        String event = endEvent();
        if (event != null) {
            engine.notifier().notify(event, settings, doc);
        }
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
        case "input" :
            return node == null ? null : node.input;
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

        @Override
        public Map<String, Object> taskValues(String taskKey) {
            synchronized (RunExecution.this) {
                return Collections.unmodifiableMap(new HashMap<>(taskValues.getOrDefault(taskKey, Map.of())));
            }
        }
    }
}
