package org.brickworks.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.jobs.api.TaskRun;
import org.brickworks.jobs.api.TaskType;
import org.brickworks.jobs.api.dto.TaskResult;
import org.brickworks.test.support.H2TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The run engine on a real H2 store with a fixed clock and a scripted task type (no cluster): the DAG, retries,
 * queueing, skipping, idempotency, cancelling, task values and the recovery of runs a stopped platform left.
 */
class RunEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NOW = 1_700_000_000_000L;
    /** These tasks run on the platform: nothing asks for a cluster. */
    private static final RunEngine.Compute NO_CLUSTERS = new RunEngine.Compute() {
        @Override
        public void awaitRunning(String clusterId, boolean startIfTerminated) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String create(JsonNode newCluster, String name, String user) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void terminate(String clusterId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void install(String clusterId, JsonNode libraries) {
            throw new UnsupportedOperationException();
        }
    };

    @TempDir
    Path folder;
    private H2TestStore store;
    private StoreJobService jobs;
    private RunEngine engine;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch blocked = new CountDownLatch(1);

    /**
     * {@code scripted_task}: fails its first {@code fail} attempts, waits for {@link #release} when {@code block} (only
     * in its first attempt when {@code once}),
     * sets the task value {@code v} to {@code value}.
     */
    private final TaskType scripted = new TaskType() {
        @Override
        public boolean runsOnCluster() {
            return false;
        }

        @Override
        public TaskResult run(TaskRun task) throws InterruptedException {
            Map<String, Object> payload = task.payload();
            int attempt = attempts.computeIfAbsent(task.runId() + "/" + task.taskKey(), k -> new AtomicInteger())
                    .getAndIncrement();
            if (Boolean.TRUE.equals(payload.get("block"))
                    && (attempt == 0 || !Boolean.TRUE.equals(payload.get("once")))) {
                blocked.countDown();
                release.await();
            }
            if (payload.containsKey("value")) {
                task.setTaskValue("v", payload.get("value"));
            }
            int fail = Integer.parseInt(String.valueOf(payload.getOrDefault("fail", 0)));
            return attempt < fail ? TaskResult.failure("attempt " + attempt + " failed", "trace", Map.of(), "")
                    : TaskResult.success(Map.of("scripted_output", Map.of("attempt", attempt)), "log " + attempt);
        }
    };

    @BeforeEach
    void open() {
        store = new H2TestStore(folder);
        Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
        jobs = new StoreJobService(store, id -> false, this::type, clock);
        engine = newEngine(clock);
    }

    private RunEngine newEngine(Clock clock) {
        RunEngine started = new RunEngine(store, jobs, clock, (name, patience) -> type(name), NO_CLUSTERS, id -> false,
                this::type);
        started.recover();
        return started;
    }

    private TaskType type(String name) {
        return switch (name) {
        case "scripted_task" -> scripted;
        case "condition_task" -> new ConditionTask();
        case "run_job_task" -> new RunJobTask(engine);
        case "for_each_task" -> new ForEachTask(engine);
        default -> null;
        };
    }

    @AfterEach
    void close() {
        release.countDown();
        engine.close();
        store.close();
    }

    private long job(String settings) throws Exception {
        return jobs.create(JSON.readValue(settings.replace('\'', '"'), new TypeReference<Map<String, Object>>() {
        }), "ada");
    }

    private Map<String, Object> runToEnd(long jobId) throws Exception {
        return engine.awaitEnd(engine.runNow(jobId, Map.of(), "ada"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> task(Map<String, Object> run, String key) {
        return ((List<Map<String, Object>>) run.get("tasks")).stream().filter(t -> key.equals(t.get("task_key")))
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static String state(Map<String, Object> run, String field) {
        return (String) ((Map<String, Object>) run.get("state")).get(field);
    }

    @Test
    void retriesRunUntilAnAttemptSucceedsEachWithItsOwnRunId() throws Exception {
        long jobId = job("{'tasks': [{'task_key': 'a', 'max_retries': 2, 'scripted_task': {'fail': 2}},"
                + "{'task_key': 'b', 'max_retries': 1, 'scripted_task': {'fail': 5}},"
                + "{'task_key': 'c', 'max_retries': -1, 'scripted_task': {'fail': 4}}]}");
        Map<String, Object> run = runToEnd(jobId);
        Map<String, Object> a = task(run, "a");
        assertThat(state(a, "result_state")).isEqualTo("SUCCESS");
        assertThat(a.get("attempt_number")).isEqualTo(2);
        assertThat(state(task(run, "b"), "result_state")).isEqualTo("FAILED");
        assertThat(task(run, "b").get("attempt_number")).isEqualTo(1);
        assertThat(state(task(run, "c"), "result_state")).isEqualTo("SUCCESS");
        assertThat(task(run, "c").get("attempt_number")).isEqualTo(4);
        assertThat(state(run, "result_state")).isEqualTo("FAILED");
        assertThat(state(run, "state_message")).isEqualTo("1/3 tasks failed: b (attempt 1 failed)");

        long lastAttempt = ((Number) a.get("run_id")).longValue();
        assertThat(engine.output(lastAttempt)).containsEntry("scripted_output", Map.of("attempt", 2))
                .containsEntry("logs", "log 2");
        Map<String, Object> failed = engine.output(((Number) task(run, "b").get("run_id")).longValue());
        assertThat(failed).containsEntry("error", "attempt 1 failed").containsEntry("error_trace", "trace");
        // the first attempts' ids follow the run's, in the order of the tasks; each keeps its own output
        assertThat(engine.output(((Number) run.get("run_id")).longValue() + 1)).containsEntry("error",
                "attempt 0 failed");
        assertThat(run.get("start_time")).isEqualTo(NOW);
    }

    @Test
    void runIfSkipsWithTheReasonAndFailuresTheDagGetsPastSucceedWithFailures() throws Exception {
        long jobId = job("{'tasks': [{'task_key': 'bad', 'scripted_task': {'fail': 1}},"
                + "{'task_key': 'mop', 'depends_on': [{'task_key': 'bad'}], 'run_if': 'ALL_DONE', 'scripted_task': {}},"
                + "{'task_key': 'alarm', 'depends_on': [{'task_key': 'bad'}], 'run_if': 'AT_LEAST_ONE_FAILED',"
                + " 'scripted_task': {}},"
                + "{'task_key': 'off', 'disabled': true, 'scripted_task': {}}]}");
        Map<String, Object> run = runToEnd(jobId);
        assertThat(state(task(run, "bad"), "result_state")).isEqualTo("FAILED");
        assertThat(state(task(run, "mop"), "result_state")).isEqualTo("SUCCESS");
        assertThat(state(task(run, "alarm"), "result_state")).isEqualTo("SUCCESS");
        assertThat(state(task(run, "off"), "result_state")).isEqualTo("DISABLED");
        assertThat(state(run, "result_state")).isEqualTo("SUCCESS_WITH_FAILURES");

        long strict = job("{'tasks': [{'task_key': 'bad', 'scripted_task': {'fail': 1}},"
                + "{'task_key': 'next', 'depends_on': [{'task_key': 'bad'}], 'scripted_task': {}},"
                + "{'task_key': 'after', 'depends_on': [{'task_key': 'next'}], 'scripted_task': {}}]}");
        Map<String, Object> failed = runToEnd(strict);
        assertThat(state(task(failed, "next"), "result_state")).isEqualTo("UPSTREAM_FAILED");
        assertThat(state(task(failed, "after"), "result_state")).isEqualTo("UPSTREAM_FAILED");
        assertThat(state(task(failed, "after"), "life_cycle_state")).isEqualTo("SKIPPED");
        assertThat(state(failed, "result_state")).isEqualTo("FAILED");
    }

    @Test
    void taskValuesAndParametersReachLaterTasks() throws Exception {
        long jobId = job("{'parameters': [{'name': 'limit', 'default': '3'}], 'tasks': ["
                + "{'task_key': 'count', 'scripted_task': {'value': 12}},"
                + "{'task_key': 'check', 'depends_on': [{'task_key': 'count'}], 'condition_task':"
                + " {'op': 'GREATER_THAN', 'left': '{{tasks.count.values.v}}', 'right': '{{job.parameters.limit}}'}},"
                + "{'task_key': 'many', 'depends_on': [{'task_key': 'check', 'outcome': 'true'}], 'scripted_task': {}},"
                + "{'task_key': 'few', 'depends_on': [{'task_key': 'check', 'outcome': 'false'}],"
                + " 'scripted_task': {}}]}");
        Map<String, Object> run = engine.awaitEnd(engine.runNow(jobId, Map.of("job_parameters", Map.of("limit", "20")),
                "ada"));
        assertThat(state(task(run, "few"), "result_state")).isEqualTo("SUCCESS");
        assertThat(state(task(run, "many"), "result_state")).isEqualTo("EXCLUDED");
        assertThat(state(run, "result_state")).isEqualTo("SUCCESS");
        assertThat(run.get("job_parameters")).isEqualTo(List.of(Map.of("name", "limit", "default", "3",
                "value", "20")));
    }

    @Test
    void runsBeyondTheLimitQueueOrAreSkippedAndTokensGiveTheSameRun() throws Exception {
        long queued = job("{'max_concurrent_runs': 1, 'queue': {'enabled': true},"
                + " 'tasks': [{'task_key': 't', 'scripted_task': {'block': true}}]}");
        long first = engine.runNow(queued, Map.of("idempotency_token", "once"), "ada");
        assertThat(engine.runNow(queued, Map.of("idempotency_token", "once"), "ada")).isEqualTo(first);
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        long second = engine.runNow(queued, Map.of(), "ada");
        assertThat(state(engine.get(second), "life_cycle_state")).isEqualTo("QUEUED");

        long skipping = job(
                "{'max_concurrent_runs': 1, 'tasks': [{'task_key': 't', 'scripted_task': {'block': true}}]}");
        long running = engine.runNow(skipping, Map.of(), "ada");
        Map<String, Object> skipped = engine.awaitEnd(engine.runNow(skipping, Map.of(), "ada"));
        assertThat(state(skipped, "life_cycle_state")).isEqualTo("SKIPPED");
        assertThat(state(skipped, "result_state")).isEqualTo("MAXIMUM_CONCURRENT_RUNS_REACHED");
        long never = job("{'max_concurrent_runs': 0, 'tasks': [{'task_key': 't', 'scripted_task': {}}]}");
        assertThat(state(runToEnd(never), "life_cycle_state")).isEqualTo("SKIPPED");

        release.countDown();
        assertThat(state(engine.awaitEnd(first), "result_state")).isEqualTo("SUCCESS");
        assertThat(state(engine.awaitEnd(second), "result_state")).isEqualTo("SUCCESS");
        assertThat(state(engine.awaitEnd(running), "result_state")).isEqualTo("SUCCESS");
    }

    @Test
    void cancellingStopsRunningTasksAndStartsNoMore() throws Exception {
        long jobId = job("{'tasks': [{'task_key': 'hold', 'scripted_task': {'block': true}},"
                + "{'task_key': 'next', 'depends_on': [{'task_key': 'hold'}], 'scripted_task': {}}]}");
        long runId = engine.runNow(jobId, Map.of(), "ada");
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        engine.cancel(runId);
        Map<String, Object> run = engine.awaitEnd(runId);
        assertThat(state(run, "result_state")).isEqualTo("CANCELED");
        assertThat(state(task(run, "hold"), "result_state")).isEqualTo("CANCELED");
        assertThat(state(task(run, "next"), "result_state")).isEqualTo("CANCELED");
        assertThat(((Map<?, ?>) ((Map<?, ?>) run.get("status")).get("termination_details")).get("code"))
                .isEqualTo("USER_CANCELED");
        assertThatThrownBy(() -> engine.delete(((Number) task(run, "hold").get("run_id")).longValue()))
                .isInstanceOf(BrickworksException.class);
        engine.delete(runId);
        assertThatThrownBy(() -> engine.get(runId)).isInstanceOfSatisfying(BrickworksException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
    }

    @Test
    void runsAStoppedPlatformLeftInFlightEndInternalError() throws Exception {
        long jobId = job("{'tasks': [{'task_key': 'hold', 'scripted_task': {'block': true}}]}");
        long runId = engine.runNow(jobId, Map.of(), "ada");
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        RunEngine restarted = newEngine(Clock.fixed(Instant.ofEpochMilli(NOW + 1), ZoneOffset.UTC));
        try {
            Map<String, Object> run = restarted.get(runId);
            assertThat(state(run, "life_cycle_state")).isEqualTo("INTERNAL_ERROR");
            assertThat(state(run, "state_message")).contains("stopped while this run was in flight");
            assertThat(state(task(run, "hold"), "life_cycle_state")).isEqualTo("INTERNAL_ERROR");
        } finally {
            restarted.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void forEachRunsTheNestedTaskOncePerInputEachWithItsOwnRunIdAndRetries() throws Exception {
        long jobId = job("{'tasks': [{'task_key': 'each', 'for_each_task': {'inputs': '[0, 1, 0]', 'concurrency': 2,"
                + " 'task': {'task_key': 'inner', 'scripted_task': {'fail': '{{input}}'}}}}]}");
        Map<String, Object> run = runToEnd(jobId);
        Map<String, Object> each = task(run, "each");
        assertThat(state(each, "result_state")).isEqualTo("FAILED");
        assertThat(state(each, "state_message")).isEqualTo("1 of 3 iterations failed");
        List<Map<String, Object>> iterations = (List<Map<String, Object>>) each.get("iterations");
        assertThat(iterations).extracting(i -> state(i, "result_state")).containsExactly("SUCCESS", "FAILED",
                "SUCCESS");
        assertThat(iterations).extracting(i -> i.get("run_id")).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(((Map<String, Object>) ((Map<String, Object>) each.get("for_each_task")).get("stats")))
                .containsEntry("task_run_stats", Map.of("total_iterations", 3, "completed_iterations", 3,
                        "succeeded_iterations", 2, "failed_iterations", 1));

        long retried = job("{'tasks': [{'task_key': 'each', 'for_each_task': {'inputs': '[1, 1]', 'task':"
                + " {'task_key': 'inner', 'max_retries': 1, 'scripted_task': {'fail': '{{input}}'}}}}]}");
        Map<String, Object> again = runToEnd(retried);
        assertThat(state(again, "result_state")).isEqualTo("SUCCESS");
        assertThat((List<Map<String, Object>>) task(again, "each").get("iterations"))
                .allSatisfy(i -> assertThat(i.get("attempt_number")).isEqualTo(1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRepairRunsTheFailedTasksAgainInTheSameRunAndRecordsItsHistory() throws Exception {
        long jobId = job("{'tasks': [{'task_key': 'a', 'scripted_task': {}},"
                + "{'task_key': 'b', 'depends_on': [{'task_key': 'a'}], 'scripted_task': {'fail': 1}},"
                + "{'task_key': 'c', 'depends_on': [{'task_key': 'b'}], 'scripted_task': {}}]}");
        long runId = engine.runNow(jobId, Map.of(), "ada");
        Map<String, Object> failed = engine.awaitEnd(runId);
        assertThat(state(failed, "result_state")).isEqualTo("FAILED");
        assertThat(state(task(failed, "c"), "result_state")).isEqualTo("UPSTREAM_FAILED");
        Object aRunId = task(failed, "a").get("run_id");

        long repairId = engine.repair(runId, Map.of("rerun_all_failed_tasks", true), "ada");
        Map<String, Object> repaired = engine.awaitEnd(runId);
        assertThat(state(repaired, "result_state")).isEqualTo("SUCCESS");
        assertThat(task(repaired, "a").get("run_id")).isEqualTo(aRunId);
        assertThat(task(repaired, "b").get("run_id")).isNotEqualTo(task(failed, "b").get("run_id"));
        List<Map<String, Object>> history = (List<Map<String, Object>>) repaired.get("repair_history");
        assertThat(history).extracting(h -> h.get("type")).containsExactly("ORIGINAL", "REPAIR");
        assertThat(history.get(1)).containsEntry("id", (int) repairId);
        assertThat(state(history.get(0), "result_state")).isEqualTo("FAILED");
        assertThat(state(history.get(1), "result_state")).isEqualTo("SUCCESS");

        assertThatThrownBy(() -> engine.repair(runId, Map.of("rerun_tasks", List.of("a")), "ada"))
                .hasMessageContaining("latest_repair_id");
        assertThatThrownBy(() -> engine.repair(runId, Map.of("rerun_tasks", List.of("zz"),
                "latest_repair_id", repairId), "ada")).hasMessageContaining("rerun_tasks names zz");
        engine.repair(runId, Map.of("rerun_tasks", List.of("a"), "rerun_dependent_tasks", true,
                "latest_repair_id", repairId), "ada");
        Map<String, Object> again = engine.awaitEnd(runId);
        assertThat(task(again, "a").get("run_id")).isNotEqualTo(aRunId);
        assertThat((List<Object>) again.get("repair_history")).hasSize(3);
    }

    @Test
    void aTaskInFlightWhenThePlatformStoppedIsRetriedByTheNextStartWhenItHasRetriesLeft() throws Exception {
        long jobId = job("{'tasks': [{'task_key': 'hold', 'max_retries': 1, 'scripted_task': {'block': true,"
                + " 'once': true}}, {'task_key': 'after', 'depends_on': [{'task_key': 'hold'}], 'scripted_task': {}}]}");
        long runId = engine.runNow(jobId, Map.of(), "ada");
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        Object firstAttempt = task(engine.get(runId), "hold").get("run_id");
        RunEngine restarted = newEngine(Clock.fixed(Instant.ofEpochMilli(NOW + 1), ZoneOffset.UTC));
        try {
            Map<String, Object> run = restarted.awaitEnd(runId);
            assertThat(state(run, "result_state")).isEqualTo("SUCCESS");
            assertThat(task(run, "hold").get("attempt_number")).isEqualTo(1);
            assertThat(task(run, "hold").get("run_id")).isNotEqualTo(firstAttempt);
            assertThat(state(task(run, "after"), "result_state")).isEqualTo("SUCCESS");
        } finally {
            restarted.close();
        }
    }

    @Test
    void aServiceStoppingUnderATaskWithRetriesLeavesItsRunForTheNextStartToRetry() throws Exception {
        long jobId = job("{'tasks': [{'task_key': 'hold', 'max_retries': 1, 'scripted_task': {'block': true,"
                + " 'once': true}}]}");
        long runId = engine.runNow(jobId, Map.of(), "ada");
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        engine.close();
        assertThat(state(engine.get(runId), "life_cycle_state")).isEqualTo("RUNNING");
        engine = newEngine(Clock.fixed(Instant.ofEpochMilli(NOW + 1), ZoneOffset.UTC));
        Map<String, Object> run = engine.awaitEnd(runId);
        assertThat(state(run, "result_state")).isEqualTo("SUCCESS");
        assertThat(task(run, "hold").get("attempt_number")).isEqualTo(1);
    }

    @Test
    void runJobTaskWaitsForTheOtherJobsRun() throws Exception {
        long child = job("{'tasks': [{'task_key': 'c', 'scripted_task': {'fail': 1}}]}");
        long parent = job("{'tasks': [{'task_key': 'call', 'run_job_task': {'job_id': " + child + "}}]}");
        Map<String, Object> run = runToEnd(parent);
        assertThat(state(run, "result_state")).isEqualTo("FAILED");
        Map<String, Object> output = engine.output(((Number) task(run, "call").get("run_id")).longValue());
        long childRun = ((Number) ((Map<?, ?>) output.get("run_job_output")).get("run_id")).longValue();
        assertThat(engine.get(childRun)).containsEntry("trigger", "RUN_JOB_TASK").containsEntry("job_id",
                (int) child);
    }
}
