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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import java.util.function.Predicate;

import org.brickworks.clusters.api.ClusterListener;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.core.api.TrackedServices;
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
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The runs of jobs: admits each new run by its job's {@code max_concurrent_runs} and {@code queue} (start, queue or
 * skip), runs it as a {@link RunExecution}, starts queued runs as active ones end, and fires schedules
 * ({@link JobScheduler}). Registers the built-in {@code run_job_task} type, which starts runs of other jobs, and
 * {@code for_each_task}, which its runs' executions run. Runs in
 * flight when the service stops end {@code INTERNAL_ERROR}; so do those a stopped platform left in the store.
 */
@Component(service = RunService.class, configurationPid = "org.brickworks.jobs")
public class RunEngine implements RunService {
    private static final Logger LOG = LoggerFactory.getLogger(RunEngine.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final int MAX_TOKEN = 64;
    /** The field of a task attempt's stored output that keeps its {@code runs/export} views. */
    static final String VIEWS = "views";
    /** An attempt's task values, kept with its output (not answered) so a repair's later tasks still read them. */
    static final String TASK_VALUES = "task_values";
    /** The most runs one backfill queues. */
    static final int MAX_BACKFILL = 1000;
    private static final String STOPPED = "The jobs service stopped while this run was in flight"
            + " (the platform shut down or the jobs bundle was updated)";

    private final RunStore runs;
    private final JobService jobs;
    private final Clock clock;
    private final TypeLookup types;
    private final Compute compute;
    private final Notifier notifier = new Notifier();
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
    private final ExecutorService starter = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "brickworks-job-starts");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Long, RunExecution> active = new ConcurrentHashMap<>();
    private final Map<Long, Deque<RunExecution>> queues = new HashMap<>();
    private final Map<Long, Integer> limits = new HashMap<>();
    private JobScheduler scheduler;
    private List<ServiceRegistration<TaskType>> ownTypes = List.of();
    private ServiceRegistration<ClusterListener> clusterStates;
    private TaskTypes trackedTypes;
    private TrackedServices services;
    private boolean closing;

    /** The registered task type of a payload field, waiting a while for one being swapped; or null. */
    @FunctionalInterface
    interface TypeLookup {
        TaskType await(String name, Duration patience) throws InterruptedException;
    }

    /** The clusters and libraries tasks run on. */
    interface Compute {
        /** Waits until the cluster is RUNNING (starting it when TERMINATED, if asked); fails when it cannot run. */
        void awaitRunning(String clusterId, boolean startIfTerminated) throws InterruptedException;

        /**
         * Creates a job cluster named {@code name} from a {@code new_cluster} spec for {@code user}, the identity the
         * run executes as (it owns the cluster: its secret references resolve with its rights); its id (PENDING).
         */
        String create(JsonNode newCluster, String name, String user);

        /** Terminates a job cluster; one that is gone or terminated already stays so. */
        void terminate(String clusterId);

        /** Installs a task's {@code libraries} on the cluster, waiting until they are; fails naming the ones that failed. */
        void install(String clusterId, JsonNode libraries) throws InterruptedException;
    }

    @Activate
    public RunEngine(@Reference(target = Store.SHARED) Store store, @Reference JobService jobs,
            BundleContext context, Map<String, Object> properties) {
        this(store, jobs, Clock.systemUTC(), new TaskTypes(context), new TrackedServices(context));
        this.ownTypes = List.of(
                context.registerService(TaskType.class, new RunJobTask(this),
                        new Hashtable<>(Map.of(TaskType.NAME, "run_job_task"))),
                context.registerService(TaskType.class, new ForEachTask(this),
                        new Hashtable<>(Map.of(TaskType.NAME, "for_each_task"))));
        this.clusterStates = compute instanceof ClusterListener listener
                ? context.registerService(ClusterListener.class, listener, null)
                : null;
        configure(properties);
        recover();
        this.scheduler = new JobScheduler(store, this, clock);
        scheduler.start();
    }

    private RunEngine(Store store, JobService jobs, Clock clock, TaskTypes types, TrackedServices services) {
        this(store, jobs, clock, types::await, new ClusterCompute(services),
                id -> StoreJobService.exists(services, id), types::find);
        this.trackedTypes = types;
        this.services = services;
        types.open();
    }

    /**
     * @param clusterExists
     *            whether a cluster id names a cluster of the platform (for {@code runs/submit}'s check)
     * @param pluginTypes
     *            the registered task type of a payload field that is not built in, or null
     */
    RunEngine(Store store, JobService jobs, Clock clock, TypeLookup types, Compute compute,
            Predicate<String> clusterExists, Function<String, TaskType> pluginTypes) {
        this.runs = new RunStore(store);
        this.jobs = jobs;
        this.clock = clock;
        this.types = types;
        this.compute = compute;
        this.check = new SettingsCheck(clusterExists, pluginTypes);
        store.migrate(JobsSchema.AREA, JobsSchema.MIGRATIONS);
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
        for (RunExecution run : inFlight) {
            try {
                run.abandon(STOPPED);
            } catch (RuntimeException e) {
                // the store closes first when the JVM exits: the next start's recovery records it
                LOG.info("Run {} could not be recorded as stopped: {}", run.runId(), e.getMessage());
            }
        }
        ownTypes.forEach(ServiceRegistration::unregister);
        if (clusterStates != null) {
            clusterStates.unregister();
        }
        if (trackedTypes != null) {
            trackedTypes.close();
            services.close();
        }
        timers.shutdownNow();
        starter.shutdownNow();
        notifier.close();
    }

    /** A changed jobs configuration (SMTP server, webhook destinations) takes effect without a restart. */
    @Modified
    void configure(Map<String, Object> properties) {
        notifier.configure(properties);
    }

    /**
     * Deals with the runs a stopped platform left active: a task that was in flight when it stopped and has retries
     * left is retried, and its run goes on; otherwise the run ends {@code INTERNAL_ERROR}, its unfinished tasks too.
     * Called once the task types are tracked.
     */
    void recover() {
        for (long runId : runs.active()) {
            ObjectNode run = runs.run(runId);
            Long jobId = jobIdOf(run);
            Map<String, Long> retried = new LinkedHashMap<>();
            for (JsonNode task : run.path("tasks")) {
                if (RunExecution.inFlight(task) && RunExecution.retriesLeft(task)) {
                    retried.put(task.path("task_key").asText(), runs.newAttempt(runId, jobId));
                }
            }
            if (!retried.isEmpty() && resume(run, jobId, retried)) {
                continue;
            }
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

    /** Fires a scheduled run of a job (its settings as stored), as its {@code run_as} or creator. */
    void fire(long jobId, JsonNode settings, String creator, Instant scheduledTime) {
        try {
            runJob(jobId, (ObjectNode) settings, RunStore.JSON.createObjectNode(),
                    JobIdentity.of(settings, creator), "PERIODIC", "JOB_RUN", scheduledTime);
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

    /** A run of a stored job, as the identity the job runs as (its {@code run_as}, else its owner). */
    private long runJob(long jobId, JsonNode request, String user, String trigger, String runType,
            Instant triggerTime) {
        Job job = jobs.get(jobId);
        return runJob(jobId, RunStore.JSON.valueToTree(job.settings()), request, job.runAsUserName(), trigger,
                runType, triggerTime);
    }

    private long runJob(long jobId, ObjectNode settings, JsonNode request, String user, String trigger,
            String runType, Instant triggerTime) {
        Map<String, Object> runParameters = legacyParameters(request);
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

    /** The legacy per-type parameters of a run-now or repair request. */
    private static Map<String, Object> legacyParameters(JsonNode request) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (String legacy : List.of("notebook_params", "jar_params", "python_params", "python_named_params",
                "sql_params")) {
            if (request.hasNonNull(legacy)) {
                JsonNode value = request.get(legacy);
                boolean list = legacy.equals("jar_params") || legacy.equals("python_params");
                if (list ? !value.isArray() : !value.isObject()) {
                    throw BrickworksException.invalidParameter(legacy + " must be " + (list ? "an array of strings"
                            : "an object of names and values"));
                }
                parameters.put(legacy, RunStore.JSON.convertValue(value, Object.class));
            }
        }
        return parameters;
    }

    @Override
    public long submit(Map<String, Object> request, String user) {
        ObjectNode spec = RunStore.JSON.valueToTree(request == null ? Map.of() : request);
        String token = token(spec);
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
            if (token != null) { // under the lock: two requests with one token give one run
                Long earlier = runs.byToken(jobId, token);
                if (earlier != null) {
                    return earlier;
                }
            }
            // the run's rows and its first state in one transaction: runs/get finds it as soon as run-now answers
            ObjectNode doc = runs.insert(jobId, runType, token, tasks.size(), ids -> {
                ObjectNode created = RunStore.JSON.createObjectNode();
                if (jobId != null) {
                    created.put("job_id", jobId);
                }
                created.put("run_id", ids.runId());
                created.put("number_in_job", ids.runId());
                created.put("original_attempt_run_id", ids.runId());
                created.put("attempt_number", 0);
                created.put("creator_user_name", user);
                created.put("run_as_user_name", user);
                created.put("run_name", settings.path("name").asText("Untitled"));
                created.put("run_type", runType);
                created.put("trigger", trigger);
                created.put("format", settings.has("tasks") ? "MULTI_TASK" : "SINGLE_TASK");
                created.put("start_time", clock.millis());
                created.put("end_time", 0);
                for (String duration : List.of("setup_duration", "execution_duration", "cleanup_duration",
                        "queue_duration", "run_duration")) {
                    created.put(duration, 0);
                }
                if (settings.has("job_clusters")) {
                    created.set("job_clusters", settings.get("job_clusters").deepCopy());
                }
                created.set("job_parameters", parameterDocs);
                if (overriding.size() > 0) {
                    created.set("overriding_parameters", overriding);
                }
                if (triggerTime != null) {
                    created.putObject("trigger_info").put("scheduled_time", triggerTime.toEpochMilli());
                }
                ArrayNode taskDocs = created.putArray("tasks");
                for (int i = 0; i < tasks.size(); i++) {
                    ObjectNode task = tasks.get(i);
                    task.put("run_id", ids.taskRunIds().get(i));
                    task.put("attempt_number", 0);
                    RunStates.set(task, "PENDING", null, "", null, false);
                    taskDocs.add(task);
                }
                RunStates.set(created, "PENDING", null, "", null, false);
                return created;
            });
            run = new RunExecution(this, doc, settings, parameters, runParameters,
                    user, triggerTime);
            active.put(run.runId(), run);
            if (jobId == null) {
                startSoon(run);
                return run.runId();
            }
            limits.put(jobId, maxConcurrent);
            long running = active.values().stream().filter(r -> jobId.equals(r.jobId()) && r.started() && !r.hasEnded())
                    .count();
            if (maxConcurrent == 0 || running >= maxConcurrent && !queue) {
                active.remove(run.runId());
                run.skip(maxConcurrent == 0 ? "The job's max_concurrent_runs is 0: every run is skipped"
                        : "The job already has " + running + " active runs, its max_concurrent_runs");
            } else if (running >= maxConcurrent || !queues.getOrDefault(jobId, new ArrayDeque<>()).isEmpty()) {
                queues.computeIfAbsent(jobId, k -> new ArrayDeque<>()).add(run);
                run.queue("Queued: the job already has " + running + " active runs, its max_concurrent_runs");
            } else {
                startSoon(run);
            }
        }
        return run.runId();
    }

    /**
     * Counts the run as started at once (for {@code max_concurrent_runs}) and starts its tasks on the starter thread:
     * a burst of scheduled fires creates its runs first, and run-now answers without waiting for the first task.
     */
    private void startSoon(RunExecution run) {
        run.markStarted();
        starter.execute(run::start);
    }

    @Override
    public long repair(long runId, Map<String, Object> request, String user) {
        JsonNode repair = RunStore.JSON.valueToTree(request == null ? Map.of() : request);
        synchronized (this) {
            if (closing) {
                throw new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE, "The jobs service is stopping");
            }
            ObjectNode doc = runs.run(runId);
            if (doc.path("run_id").asLong() != runId) {
                throw BrickworksException.invalidParameter(runId + " is the run of a task of run "
                        + doc.path("run_id").asLong() + ": repair that run");
            }
            RunExecution current = active.get(runId);
            if (current != null && !current.hasEnded() || !RunStates.ended(doc)) {
                throw new BrickworksException(ErrorCode.INVALID_STATE, "Run " + runId + " is "
                        + doc.path("state").path("life_cycle_state").asText() + ": repair it once it has ended");
            }
            ArrayNode history = doc.has("repair_history") ? (ArrayNode) doc.get("repair_history")
                    : originalHistory(doc);
            Long latest = null;
            for (JsonNode entry : history) {
                if (entry.path("type").asText().equals("REPAIR")) {
                    latest = entry.path("id").asLong();
                }
            }
            if (latest != null && (!repair.path("latest_repair_id").canConvertToLong()
                    || repair.path("latest_repair_id").asLong() != latest)) {
                throw BrickworksException.invalidParameter("latest_repair_id must be the id of the run's latest"
                        + " repair, " + latest + (repair.hasNonNull("latest_repair_id") ? ", got "
                                + repair.get("latest_repair_id") : ": it is required once a run has been repaired"));
            }
            Long jobId = jobIdOf(doc);
            Map<String, Long> attempts = new LinkedHashMap<>();
            RepairPlan.tasks(doc, repair).forEach(key -> attempts.put(key, runs.newAttempt(runId, jobId)));
            long repairId = runs.newAttempt(runId, jobId);
            ObjectNode entry = history.addObject();
            entry.put("type", "REPAIR");
            entry.put("id", repairId);
            entry.put("start_time", clock.millis());
            ArrayNode ids = entry.putArray("task_run_ids");
            attempts.values().forEach(ids::add);
            doc.set("repair_history", history);
            // a job deleted since: its run is repaired without its timeout and notifications
            JsonNode settings = jobSettings(jobId);
            // a repair runs as the run did, whoever asks for it
            RunExecution run = storedRun(doc, settings == null ? RunStore.JSON.createObjectNode() : settings,
                    doc.path("creator_user_name").asText(user),
                    repair);
            run.prepareRepair(attempts);
            active.put(runId, run);
            run.start();
            return repairId;
        }
    }

    @Override
    public Map<String, Object> export(long runId, String views) {
        String which = views == null || views.isEmpty() ? "CODE" : views;
        if (!List.of("CODE", "DASHBOARDS", "ALL").contains(which)) {
            throw BrickworksException.invalidParameter("views_to_export must be CODE, DASHBOARDS or ALL, got "
                    + views);
        }
        ObjectNode run = runs.run(runId);
        List<Long> attempts = new ArrayList<>();
        if (run.path("run_id").asLong() == runId) {
            run.path("tasks").forEach(t -> attempts.add(t.path("run_id").asLong()));
        } else {
            attempts.add(runId);
        }
        List<Object> exported = new ArrayList<>();
        if (!which.equals("DASHBOARDS")) {
            for (long attempt : attempts) {
                ObjectNode output = runs.output(attempt);
                if (output != null) {
                    output.path(VIEWS).forEach(view -> exported.add(RunStore.JSON.convertValue(view, Object.class)));
                }
            }
        }
        return Map.of("views", exported);
    }

    @Override
    public List<Long> backfill(long jobId, long startTime, long endTime, String user) {
        if (endTime < startTime) {
            throw BrickworksException.invalidParameter("end_time " + endTime + " is before start_time " + startTime);
        }
        ObjectNode settings = RunStore.JSON.valueToTree(jobs.get(jobId).settings());
        List<Long> started = new ArrayList<>();
        ObjectNode queued = RunStore.JSON.createObjectNode();
        queued.putObject("queue").put("enabled", true);
        for (long time : Schedules.times(settings, startTime, endTime, MAX_BACKFILL)) {
            started.add(runJob(jobId, queued, user, "PERIODIC", "JOB_RUN", Instant.ofEpochMilli(time)));
        }
        return started;
    }

    /** Goes on with a run the platform stopped under: its in-flight tasks with retries left are retried. */
    private synchronized boolean resume(ObjectNode doc, Long jobId, Map<String, Long> retried) {
        JsonNode settings = jobId == null ? RunStore.JSON.createObjectNode() : jobSettings(jobId);
        if (settings == null) {
            return false; // the job is gone: the run ends
        }
        RunExecution run = storedRun(doc, settings, doc.path("creator_user_name").asText(),
                RunStore.JSON.createObjectNode());
        run.prepareResume(retried, STOPPED);
        active.put(run.runId(), run);
        run.start();
        LOG.info("Run {} was in flight when the platform stopped: its tasks {} are retried", run.runId(),
                retried.keySet());
        return true;
    }

    /**
     * An execution of a stored run (for a repair or a resume): its parameters as it ran, those of {@code request}
     * ({@code job_parameters}, the legacy ones) overriding them.
     */
    private RunExecution storedRun(ObjectNode doc, JsonNode settings, String user, JsonNode request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        doc.path("job_parameters").forEach(p -> parameters.put(p.path("name").asText(), p.path("value").asText()));
        request.path("job_parameters").fields().forEachRemaining(e -> {
            parameters.put(e.getKey(), e.getValue().asText());
            doc.path("job_parameters").forEach(p -> {
                if (p.path("name").asText().equals(e.getKey())) {
                    ((ObjectNode) p).put("value", e.getValue().asText());
                }
            });
        });
        Map<String, Object> runParameters = RunStore.JSON.convertValue(doc.path("overriding_parameters").isObject()
                ? doc.get("overriding_parameters") : RunStore.JSON.createObjectNode(), MAP);
        runParameters.putAll(legacyParameters(request));
        long scheduled = doc.path("trigger_info").path("scheduled_time").asLong(0);
        return new RunExecution(this, doc, settings, parameters, runParameters, user,
                scheduled == 0 ? null : Instant.ofEpochMilli(scheduled));
    }

    /** The settings of job {@code jobId} as they are now; null when the job is gone. */
    private JsonNode jobSettings(Long jobId) {
        if (jobId == null) {
            return null;
        }
        try {
            return RunStore.JSON.valueToTree(jobs.get(jobId).settings());
        } catch (BrickworksException e) {
            if (e.errorCode() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
                return null;
            }
            throw e;
        }
    }

    private static Long jobIdOf(JsonNode run) {
        return run.hasNonNull("job_id") ? run.get("job_id").asLong() : null;
    }

    /** The repair history a run gets at its first repair: its original run, as it ended. */
    private static ArrayNode originalHistory(ObjectNode doc) {
        ArrayNode history = RunStore.JSON.createArrayNode();
        ObjectNode original = history.addObject();
        original.put("type", "ORIGINAL");
        original.put("start_time", doc.path("start_time").asLong());
        original.put("end_time", doc.path("end_time").asLong());
        original.set("state", doc.get("state").deepCopy());
        original.set("status", doc.get("status").deepCopy());
        ArrayNode ids = original.putArray("task_run_ids");
        doc.path("tasks").forEach(t -> ids.add(t.path("run_id").asLong()));
        return history;
    }

    /** An ended run leaves the active ones; the job's queued runs start as far as its limit allows. */
    synchronized void ended(RunExecution run) {
        active.remove(run.runId(), run); // a repair of the run may be active already
        Long jobId = run.jobId();
        if (jobId == null || closing) {
            return;
        }
        Deque<RunExecution> queue = queues.getOrDefault(jobId, new ArrayDeque<>());
        queue.remove(run);
        long running = active.values().stream().filter(r -> jobId.equals(r.jobId()) && r.started() && !r.hasEnded())
                .count();
        while (!queue.isEmpty() && running < limits.getOrDefault(jobId, 1)) {
            queue.poll().start();
            running++;
        }
        if (queue.isEmpty()) {
            queues.remove(jobId);
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
        output.remove(List.of("start_time", "end_time", VIEWS, TASK_VALUES));
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

    /** The active run {@code runId}, or null. */
    RunExecution execution(long runId) {
        return active.get(runId);
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

    Compute compute() {
        return compute;
    }

    ThreadFactory threads() {
        return threads;
    }

    Notifier notifier() {
        return notifier;
    }

    ScheduledExecutorService timers() {
        return timers;
    }
}
