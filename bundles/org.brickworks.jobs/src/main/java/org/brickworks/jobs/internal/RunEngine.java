package org.brickworks.jobs.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import java.util.function.Predicate;

import org.brickworks.clusters.api.ClusterService;
import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.core.api.Awaiting;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.jobs.api.JobService;
import org.brickworks.jobs.api.RunService;
import org.brickworks.jobs.api.TaskType;
import org.brickworks.jobs.api.dto.Job;
import org.brickworks.jobs.api.dto.RunPage;
import org.brickworks.jobs.api.dto.RunQuery;
import org.brickworks.store.api.Store;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The runs of jobs: admits each new run by its job's {@code max_concurrent_runs} and {@code queue} (start, queue or
 * skip), runs it as a {@link RunExecution}, starts queued runs as active ones end, and fires schedules
 * ({@link JobScheduler}). Registers the built-in {@code run_job_task} type, which starts runs of other jobs. Runs in
 * flight when the service stops end {@code INTERNAL_ERROR}; so do those a stopped platform left in the store.
 */
@Component(service = RunService.class)
public class RunEngine implements RunService {
    private static final Logger LOG = LoggerFactory.getLogger(RunEngine.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final int MAX_TOKEN = 64;
    /** How long a task waits for its existing cluster to be RUNNING (a start from TERMINATED included). */
    private static final Duration CLUSTER_PATIENCE = Duration.ofMinutes(30);
    private static final String STOPPED = "The jobs service stopped while this run was in flight"
            + " (the platform shut down or the jobs bundle was updated)";

    private final RunStore runs;
    private final JobService jobs;
    private final Clock clock;
    private final TypeLookup types;
    private final ClusterWait clusterWait;
    private final SettingsCheck check;
    private final ThreadFactory threads = task -> {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    };
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "brickworks-job-timers");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Long, RunExecution> active = new ConcurrentHashMap<>();
    private final Map<Long, Deque<RunExecution>> queues = new HashMap<>();
    private final Map<Long, Integer> limits = new HashMap<>();
    private JobScheduler scheduler;
    private ServiceRegistration<TaskType> runJobTask;
    private TaskTypes trackedTypes;
    private ServiceTracker<ClusterService, ClusterService> clusters;
    private boolean closing;

    /** The registered task type of a payload field, waiting a while for one being swapped; or null. */
    @FunctionalInterface
    interface TypeLookup {
        TaskType await(String name, Duration patience) throws InterruptedException;
    }

    /** Waits until a cluster is RUNNING, starting it when TERMINATED; fails when it cannot run. */
    @FunctionalInterface
    interface ClusterWait {
        void ensureRunning(String clusterId) throws InterruptedException;
    }

    @Activate
    public RunEngine(@Reference(target = Store.SHARED) Store store, @Reference JobService jobs,
            BundleContext context) {
        this(store, jobs, Clock.systemUTC(), new TaskTypes(context),
                new ServiceTracker<>(context, ClusterService.class, null));
        this.runJobTask = context.registerService(TaskType.class, new RunJobTask(this),
                new Hashtable<>(Map.of(TaskType.NAME, "run_job_task")));
        this.scheduler = new JobScheduler(store, this, clock);
        scheduler.start();
    }

    private RunEngine(Store store, JobService jobs, Clock clock, TaskTypes types,
            ServiceTracker<ClusterService, ClusterService> clusters) {
        this(store, jobs, clock, types::await, id -> ensureRunning(clusters, id),
                id -> StoreJobService.exists(clusters, id), types::find);
        this.trackedTypes = types;
        this.clusters = clusters;
        types.open();
        clusters.open();
    }

    /**
     * @param clusterExists
     *            whether a cluster id names a cluster of the platform (for {@code runs/submit}'s check)
     * @param pluginTypes
     *            the registered task type of a payload field that is not built in, or null
     */
    RunEngine(Store store, JobService jobs, Clock clock, TypeLookup types, ClusterWait clusterWait,
            Predicate<String> clusterExists, Function<String, TaskType> pluginTypes) {
        this.runs = new RunStore(store);
        this.jobs = jobs;
        this.clock = clock;
        this.types = types;
        this.clusterWait = clusterWait;
        this.check = new SettingsCheck(clusterExists, pluginTypes);
        store.migrate(JobsSchema.AREA, JobsSchema.MIGRATIONS);
        recover();
    }

    @Deactivate
    void close() {
        if (scheduler != null) {
            scheduler.close();
        }
        List<RunExecution> inFlight;
        synchronized (this) {
            closing = true;
            inFlight = new ArrayList<>(active.values());
        }
        inFlight.forEach(run -> run.abandon(STOPPED));
        if (runJobTask != null) {
            runJobTask.unregister();
            trackedTypes.close();
            clusters.close();
        }
        timers.shutdownNow();
    }

    /** Runs a stopped platform left active end {@code INTERNAL_ERROR}, their unfinished tasks too. */
    private void recover() {
        for (long runId : runs.active()) {
            ObjectNode run = runs.run(runId);
            long now = clock.millis();
            for (JsonNode task : run.path("tasks")) {
                if (!RunStates.ended((ObjectNode) task)) {
                    RunStates.set((ObjectNode) task, "INTERNAL_ERROR", "FAILED", STOPPED, "INTERNAL_ERROR", false);
                    ((ObjectNode) task).put("end_time", now);
                }
            }
            RunStates.set(run, "INTERNAL_ERROR", "FAILED", STOPPED, "INTERNAL_ERROR", false);
            run.put("end_time", now);
            runs.save(run);
            LOG.info("Run {} was in flight when the platform stopped: it ends INTERNAL_ERROR", runId);
        }
    }

    @Override
    public long runNow(long jobId, Map<String, Object> request, String user) {
        return runJob(jobId, RunStore.JSON.valueToTree(request == null ? Map.of() : request), user, "ONE_TIME",
                "JOB_RUN", null);
    }

    /** Fires a scheduled run of a job, as its creator. */
    void fire(long jobId, Instant scheduledTime) {
        try {
            Job job = jobs.get(jobId);
            runJob(jobId, RunStore.JSON.createObjectNode(), job.runAsUserName(), "PERIODIC", "JOB_RUN",
                    scheduledTime);
        } catch (BrickworksException e) {
            LOG.warn("The scheduled run of job {} at {} did not start: {}", jobId, scheduledTime, e.getMessage());
        }
    }

    /** Starts a run of job {@code jobId} that {@code run_job_task} asks for: its trigger is {@code RUN_JOB_TASK}. */
    long runChild(long jobId, Map<String, Object> request, String user) {
        return runJob(jobId, RunStore.JSON.valueToTree(request), user, "RUN_JOB_TASK", "JOB_RUN", null);
    }

    /** Waits until the run has ended (at once for an ended one); cancels it when interrupted. */
    Map<String, Object> awaitEnd(long runId) throws InterruptedException {
        RunExecution run = active.get(runId);
        if (run != null) {
            try {
                run.awaitEnd();
            } catch (InterruptedException e) {
                run.stop("CANCELED", "The run that started it was stopped", false);
                throw e;
            }
        }
        return get(runId);
    }

    private long runJob(long jobId, JsonNode request, String user, String trigger, String runType,
            Instant triggerTime) {
        ObjectNode settings = RunStore.JSON.valueToTree(jobs.get(jobId).settings());
        Map<String, Object> runParameters = new LinkedHashMap<>();
        for (String legacy : List.of("notebook_params", "jar_params", "python_params", "python_named_params",
                "sql_params")) {
            if (request.hasNonNull(legacy)) {
                JsonNode value = request.get(legacy);
                boolean list = legacy.equals("jar_params") || legacy.equals("python_params");
                if (list ? !value.isArray() : !value.isObject()) {
                    throw BrickworksException.invalidParameter(legacy + " must be " + (list ? "an array of strings"
                            : "an object of names and values"));
                }
                runParameters.put(legacy, RunStore.JSON.convertValue(value, Object.class));
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        ArrayNode parameterDocs = RunStore.JSON.createArrayNode();
        settings.path("parameters").forEach(p -> parameters.put(p.path("name").asText(), p.path("default").asText()));
        JsonNode given = request.path("job_parameters");
        if (!given.isMissingNode() && !given.isNull() && !given.isObject()) {
            throw BrickworksException.invalidParameter("job_parameters must be an object of names and values");
        }
        given.fields().forEachRemaining(e -> {
            if (!parameters.containsKey(e.getKey())) {
                throw BrickworksException.invalidParameter("job_parameters names " + e.getKey()
                        + ", which is not a parameter of job " + jobId + (parameters.isEmpty() ? ""
                                : " (" + String.join(", ", parameters.keySet()) + ")"));
            }
            parameters.put(e.getKey(), e.getValue().asText());
        });
        settings.path("parameters").forEach(p -> {
            ObjectNode doc = parameterDocs.addObject();
            doc.put("name", p.path("name").asText());
            doc.put("default", p.path("default").asText());
            doc.put("value", parameters.get(p.path("name").asText()));
        });
        List<ObjectNode> tasks = tasksOf(settings, only(request, settings));
        boolean queue = request.path("queue").has("enabled") ? request.path("queue").path("enabled").asBoolean()
                : settings.path("queue").path("enabled").asBoolean(false);
        ObjectNode overriding = RunStore.JSON.createObjectNode();
        runParameters.forEach((k, v) -> overriding.set(k, RunStore.JSON.valueToTree(v)));
        if (given.isObject() && given.size() > 0) {
            overriding.set("job_parameters", given.deepCopy());
        }
        return admit(jobId, settings, tasks, token(request), runType, trigger, triggerTime, user, parameters,
                parameterDocs, runParameters, overriding, settings.path("max_concurrent_runs").asInt(1), queue);
    }

    @Override
    public long submit(Map<String, Object> request, String user) {
        ObjectNode spec = RunStore.JSON.valueToTree(request == null ? Map.of() : request);
        String token = token(spec);
        if (token != null) {
            Long earlier = runs.byToken(null, token);
            if (earlier != null) {
                return earlier;
            }
        }
        ObjectNode settings = spec.deepCopy();
        for (String runField : List.of("idempotency_token", "run_name", "queue", "access_control_list")) {
            settings.remove(runField);
        }
        check.check(settings);
        settings.put("name", spec.path("run_name").asText("Untitled"));
        List<ObjectNode> tasks = tasksOf(settings, null);
        return admit(null, settings, tasks, token, "SUBMIT_RUN", "ONE_TIME", null, user, Map.of(),
                RunStore.JSON.createArrayNode(), Map.of(), RunStore.JSON.createObjectNode(), Integer.MAX_VALUE,
                false);
    }

    private static String token(JsonNode request) {
        JsonNode token = request.path("idempotency_token");
        if (token.isMissingNode() || token.isNull()) {
            return null;
        }
        if (!token.isTextual() || token.asText().isEmpty() || token.asText().length() > MAX_TOKEN) {
            throw BrickworksException.invalidParameter("idempotency_token must be a string of 1 to " + MAX_TOKEN
                    + " characters, got " + (token.isTextual() ? token.asText().length() + " characters" : token));
        }
        return token.asText();
    }

    /** The task keys of {@code only}, checked against the job's; null for all tasks. */
    private static List<String> only(JsonNode request, JsonNode settings) {
        JsonNode only = request.path("only");
        if (only.isMissingNode() || only.isNull() || only.isArray() && only.isEmpty()) {
            return null;
        }
        List<String> known = new ArrayList<>();
        settings.path("tasks").forEach(t -> known.add(t.path("task_key").asText()));
        List<String> keys = new ArrayList<>();
        for (JsonNode key : only) {
            if (!known.contains(key.asText())) {
                throw BrickworksException.invalidParameter("only names " + key.asText()
                        + ", which is not a task of this job (" + String.join(", ", known) + ")");
            }
            keys.add(key.asText());
        }
        return keys;
    }

    /**
     * The tasks a run of {@code settings} runs: its {@code tasks}, or the one task of single-task settings (keyed by
     * the job's name where that is a valid key); with {@code only}, those tasks, their dependencies on the others
     * dropped.
     */
    static List<ObjectNode> tasksOf(JsonNode settings, List<String> only) {
        List<ObjectNode> tasks = new ArrayList<>();
        if (settings.has("tasks")) {
            settings.path("tasks").forEach(t -> {
                if (only == null || only.contains(t.path("task_key").asText())) {
                    tasks.add(((ObjectNode) t).deepCopy());
                }
            });
            if (only != null) {
                tasks.forEach(t -> {
                    if (t.path("depends_on").isArray()) {
                        Iterator<JsonNode> deps = t.withArray("depends_on").elements();
                        while (deps.hasNext()) {
                            if (!only.contains(deps.next().path("task_key").asText())) {
                                deps.remove();
                            }
                        }
                    }
                });
            }
            return tasks;
        }
        ObjectNode task = RunStore.JSON.createObjectNode();
        String name = settings.path("name").asText("task");
        task.put("task_key", name.matches("[A-Za-z0-9_-]{1,100}") ? name : "task");
        settings.fields().forEachRemaining(field -> {
            if (field.getKey().endsWith(SettingsCheck.PAYLOAD_SUFFIX) || SettingsCheck.COMPUTE.contains(field.getKey())
                    || List.of("libraries", "max_retries", "min_retry_interval_millis", "retry_on_timeout")
                            .contains(field.getKey())) {
                task.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        tasks.add(task);
        return tasks;
    }

    private long admit(Long jobId, JsonNode settings, List<ObjectNode> tasks, String token, String runType,
            String trigger, Instant triggerTime, String user, Map<String, String> parameters,
            ArrayNode parameterDocs, Map<String, Object> runParameters, ObjectNode overriding, int maxConcurrent,
            boolean queue) {
        if (tasks.isEmpty()) {
            throw BrickworksException.invalidParameter("The job has no tasks to run: add tasks to its settings");
        }
        RunExecution run;
        synchronized (this) {
            if (closing) {
                throw new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE, "The jobs service is stopping");
            }
            if (token != null && jobId != null) {
                Long earlier = runs.byToken(jobId, token);
                if (earlier != null) {
                    return earlier;
                }
            }
            RunStore.Ids ids = runs.insert(jobId, runType, token, tasks.size());
            ObjectNode doc = RunStore.JSON.createObjectNode();
            if (jobId != null) {
                doc.put("job_id", jobId);
            }
            doc.put("run_id", ids.runId());
            doc.put("number_in_job", ids.runId());
            doc.put("original_attempt_run_id", ids.runId());
            doc.put("attempt_number", 0);
            doc.put("creator_user_name", user);
            doc.put("run_name", settings.path("name").asText("Untitled"));
            doc.put("run_type", runType);
            doc.put("trigger", trigger);
            doc.put("format", settings.has("tasks") ? "MULTI_TASK" : "SINGLE_TASK");
            doc.put("start_time", clock.millis());
            doc.put("end_time", 0);
            for (String duration : List.of("setup_duration", "execution_duration", "cleanup_duration",
                    "queue_duration", "run_duration")) {
                doc.put(duration, 0);
            }
            if (settings.has("job_clusters")) {
                doc.set("job_clusters", settings.get("job_clusters").deepCopy());
            }
            doc.set("job_parameters", parameterDocs);
            if (overriding.size() > 0) {
                doc.set("overriding_parameters", overriding);
            }
            if (triggerTime != null) {
                doc.putObject("trigger_info").put("scheduled_time", triggerTime.toEpochMilli());
            }
            ArrayNode taskDocs = doc.putArray("tasks");
            for (int i = 0; i < tasks.size(); i++) {
                ObjectNode task = tasks.get(i);
                task.put("run_id", ids.taskRunIds().get(i));
                task.put("attempt_number", 0);
                RunStates.set(task, "PENDING", null, "", null, false);
                taskDocs.add(task);
            }
            RunStates.set(doc, "PENDING", null, "", null, false);
            run = new RunExecution(this, doc, settings.path("timeout_seconds").asInt(0), parameters, runParameters,
                    user, triggerTime);
            active.put(run.runId(), run);
            if (jobId == null) {
                run.start();
                return run.runId();
            }
            limits.put(jobId, maxConcurrent);
            long running = active.values().stream().filter(r -> jobId.equals(r.jobId()) && r.started()).count();
            if (maxConcurrent == 0 || running >= maxConcurrent && !queue) {
                active.remove(run.runId());
                run.skip(maxConcurrent == 0 ? "The job's max_concurrent_runs is 0: every run is skipped"
                        : "The job already has " + running + " active runs, its max_concurrent_runs");
            } else if (running >= maxConcurrent || !queues.getOrDefault(jobId, new ArrayDeque<>()).isEmpty()) {
                queues.computeIfAbsent(jobId, k -> new ArrayDeque<>()).add(run);
                run.queue("Queued: the job already has " + running + " active runs, its max_concurrent_runs");
            } else {
                run.start();
            }
        }
        return run.runId();
    }

    /** An ended run leaves the active ones; the job's queued runs start as far as its limit allows. */
    synchronized void ended(RunExecution run) {
        active.remove(run.runId());
        Long jobId = run.jobId();
        if (jobId == null || closing) {
            return;
        }
        Deque<RunExecution> queue = queues.getOrDefault(jobId, new ArrayDeque<>());
        queue.remove(run);
        long running = active.values().stream().filter(r -> jobId.equals(r.jobId()) && r.started()).count();
        while (!queue.isEmpty() && running < limits.getOrDefault(jobId, 1)) {
            queue.poll().start();
            running++;
        }
        if (queue.isEmpty()) {
            queues.remove(jobId);
        }
    }

    /** Waits until the cluster is RUNNING, starting it when TERMINATED. */
    private static void ensureRunning(ServiceTracker<ClusterService, ClusterService> clusters, String clusterId)
            throws InterruptedException {
        ClusterService service = Awaiting.await(clusters, "clusters");
        long deadline = System.nanoTime() + CLUSTER_PATIENCE.toNanos();
        boolean startAsked = false;
        while (true) {
            ClusterInfo cluster = service.get(clusterId);
            switch (cluster.state()) {
            case RUNNING :
                return;
            case TERMINATED :
                if (startAsked) {
                    throw new BrickworksException(ErrorCode.INVALID_STATE, "it terminated while starting: "
                            + cluster.stateMessage());
                }
                service.start(clusterId);
                startAsked = true;
                break;
            case ERROR, UNKNOWN :
                throw new BrickworksException(ErrorCode.INVALID_STATE, "it is " + cluster.state() + ": "
                        + cluster.stateMessage());
            default :
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new BrickworksException(ErrorCode.INVALID_STATE, "it was not RUNNING within "
                        + CLUSTER_PATIENCE.toMinutes() + " minutes");
            }
            Thread.sleep(250);
        }
    }

    @Override
    public Map<String, Object> get(long runId) {
        return RunStore.JSON.convertValue(runs.run(runId), MAP);
    }

    @Override
    public RunPage list(RunQuery query) {
        if (query.limit() < 1 || query.limit() > 25) {
            throw BrickworksException.invalidParameter("limit must be from 1 to 25, got " + query.limit());
        }
        if (query.offset() < 0) {
            throw BrickworksException.invalidParameter("offset must not be negative, got " + query.offset());
        }
        if (query.activeOnly() && query.completedOnly()) {
            throw BrickworksException.invalidParameter("Give active_only or completed_only, not both");
        }
        if (query.jobId() != null) {
            jobs.get(query.jobId());
        }
        List<ObjectNode> found = runs.list(query);
        boolean more = found.size() > query.limit();
        List<Map<String, Object>> page = new ArrayList<>();
        for (ObjectNode run : more ? found.subList(0, query.limit()) : found) {
            if (!query.expandTasks()) {
                run.remove("tasks");
            }
            page.add(RunStore.JSON.convertValue(run, MAP));
        }
        return new RunPage(page, more);
    }

    @Override
    public Map<String, Object> output(long runId) {
        ObjectNode run = runs.run(runId);
        long taskRunId = runId;
        ObjectNode output = runs.output(runId);
        if (output == null) {
            JsonNode tasks = run.path("tasks");
            if (tasks.size() != 1) {
                throw BrickworksException.invalidParameter("Run " + runId + " has " + tasks.size() + " tasks:"
                        + " ask runs/get-output for the run_id of one of its tasks (runs/get lists them)");
            }
            taskRunId = tasks.get(0).path("run_id").asLong();
            output = runs.output(taskRunId);
        }
        ObjectNode metadata = run.deepCopy();
        metadata.remove("tasks");
        for (JsonNode task : run.path("tasks")) {
            if (task.path("run_id").asLong() == taskRunId) {
                metadata.setAll((ObjectNode) task.deepCopy());
            }
        }
        output.remove(List.of("start_time", "end_time"));
        output.set("metadata", metadata);
        return RunStore.JSON.convertValue(output, MAP);
    }

    @Override
    public void cancel(long runId) {
        long id = runs.run(runId).path("run_id").asLong();
        RunExecution run = active.get(id);
        if (run != null) {
            run.stop("CANCELED", "The run was cancelled", true);
        }
    }

    @Override
    public void cancelAll(Long jobId, boolean allQueuedRuns) {
        if (jobId == null && !allQueuedRuns) {
            throw BrickworksException.invalidParameter("Give job_id, or all_queued_runs: true");
        }
        if (jobId != null) {
            jobs.get(jobId);
        }
        List<RunExecution> selected = active.values().stream()
                .filter(r -> jobId != null ? jobId.equals(r.jobId()) : !r.started()).toList();
        selected.forEach(r -> r.stop("CANCELED", "The run was cancelled", true));
    }

    @Override
    public void delete(long runId) {
        ObjectNode run = runs.run(runId);
        if (run.path("run_id").asLong() != runId) {
            throw BrickworksException.invalidParameter(runId + " is the run of a task of run "
                    + run.path("run_id").asLong() + ": delete that run");
        }
        if (!RunStates.ended(run)) {
            throw new BrickworksException(ErrorCode.INVALID_STATE, "Run " + runId + " is "
                    + run.path("state").path("life_cycle_state").asText() + ": cancel it before deleting it");
        }
        runs.delete(runId);
    }

    RunStore runs() {
        return runs;
    }

    Clock clock() {
        return clock;
    }

    TypeLookup types() {
        return types;
    }

    ClusterWait clusters() {
        return clusterWait;
    }

    ThreadFactory threads() {
        return threads;
    }

    ScheduledExecutorService timers() {
        return timers;
    }
}
