package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.brickworks.jobs.api.TaskRun;
import org.brickworks.jobs.api.TaskType;
import org.brickworks.jobs.api.dto.TaskResult;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Job runs on a real cluster, over real HTTP as Databricks' clients call the Jobs API: a DAG of notebook, SQL and
 * condition tasks with job parameters, references, outcomes, retries and run_if; one-time runs in the flat shape
 * Airflow posts; cancel and timeouts stopping the Spark work; queueing, skipping and idempotency tokens; a plugin's
 * task type added and removed live; run_job_task; a schedule firing; an in-flight run ending INTERNAL_ERROR when the
 * jobs bundle is updated; the shell's run commands; bad requests.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JobRunsIT extends ClusterTestSupport {
    private static final String INGEST = """
            # Databricks notebook source
            dbutils.notebook.exit(dbutils.widgets.get("day"))
            """;
    /** A Spark application's main class: writes a table of {@code args[1]} rows named {@code args[0]}. */
    private static final String APP = """
            package bw.jobs;
            public class App {
                public static void main(String[] args) throws Exception {
                    Class<?> sessions = Class.forName("org.apache.spark.sql.SparkSession");
                    Object builder = sessions.getMethod("builder").invoke(null);
                    Object spark = builder.getClass().getMethod("getOrCreate").invoke(builder);
                    Object rows = spark.getClass().getMethod("range", long.class).invoke(spark, Long.parseLong(args[1]));
                    Object writer = rows.getClass().getMethod("write").invoke(rows);
                    writer = writer.getClass().getMethod("mode", String.class).invoke(writer, "overwrite");
                    writer.getClass().getMethod("saveAsTable", String.class).invoke(writer, args[0]);
                }
            }
            """;
    private static final String SCRIPT = """
            import sys
            print("args", sys.argv[1:])
            if sys.argv[1:] == ["fail"]:
                raise ValueError("asked to fail")
            """;
    private static final String LONG_QUERY = "SELECT sum(hash(id)) FROM range(0, 1000000000000)";
    private static String clusterId;

    private String cluster() throws Exception {
        if (clusterId == null) {
            clusterId = create("jobs");
            awaitRunning(clusterId);
            importNotebook("/Shared/jobs/ingest", "PYTHON", INGEST);
            importNotebook("/Shared/jobs/long", "SQL", "-- Databricks notebook source\n" + LONG_QUERY + "\n");
        }
        return clusterId;
    }

    @Test
    public void aDagOfNotebookSqlAndConditionTasksRunsWithParametersOutcomesRetriesAndRunIf() throws Exception {
        String cluster = cluster();
        long jobId = createJob("/api/2.2/jobs/create",
                """
                        {"name": "dag", "parameters": [{"name": "day", "default": "2024-01-01"},
                                                       {"name": "threshold", "default": "3"}],
                         "tasks": [
                          {"task_key": "ingest", "existing_cluster_id": "%1$s",
                           "notebook_task": {"notebook_path": "/Shared/jobs/ingest", "base_parameters": {"day": "base"}}},
                          {"task_key": "check", "depends_on": [{"task_key": "ingest"}],
                           "condition_task": {"op": "GREATER_THAN", "left": "{{job.parameters.threshold}}", "right": "5"}},
                          {"task_key": "big", "depends_on": [{"task_key": "check", "outcome": "true"}],
                           "existing_cluster_id": "%1$s",
                           "sql_task": {"query": "SELECT 1 AS one; SELECT {{job.parameters.threshold}} * 2 AS doubled"}},
                          {"task_key": "small", "depends_on": [{"task_key": "check", "outcome": "false"}],
                           "existing_cluster_id": "%1$s", "sql_task": {"query": "SELECT 'small' AS branch"}},
                          {"task_key": "broken", "depends_on": [{"task_key": "ingest"}], "existing_cluster_id": "%1$s",
                           "max_retries": 1, "min_retry_interval_millis": 0,
                           "sql_task": {"query": "SELECT * FROM no_such_table"}},
                          {"task_key": "after_broken", "depends_on": [{"task_key": "broken"}],
                           "condition_task": {"op": "EQUAL_TO", "left": "a", "right": "a"}},
                          {"task_key": "cleanup", "depends_on": [{"task_key": "big"}, {"task_key": "broken"}],
                           "run_if": "ALL_DONE", "condition_task": {"op": "EQUAL_TO", "left": "{{job.id}}", "right": "{{job.id}}"}}
                         ]}"""
                        .formatted(cluster));
        Answer started = post("/api/2.2/jobs/run-now", admin, "{\"job_id\": " + jobId
                + ", \"job_parameters\": {\"day\": \"2024-05-01\", \"threshold\": \"10\"}}");
        assertEquals(started.body().toString(), 200, started.status());
        long runId = started.body().path("run_id").asLong();
        assertEquals(runId, started.body().path("number_in_job").asLong());

        JsonNode run = awaitEnd(runId);
        assertEquals(run.toString(), "TERMINATED", run.path("state").path("life_cycle_state").asText());
        assertEquals(run.toString(), "FAILED", run.path("state").path("result_state").asText());
        assertTrue(run.toString(), run.path("state").path("state_message").asText().contains("broken"));
        assertEquals("TERMINATED", run.path("status").path("state").asText());
        assertEquals("RUN_EXECUTION_ERROR", run.path("status").path("termination_details").path("code").asText());
        assertEquals("ONE_TIME", run.path("trigger").asText());
        assertEquals("JOB_RUN", run.path("run_type").asText());
        assertEquals(jobId, run.path("job_id").asLong());
        assertTrue(run.path("end_time").asLong() >= run.path("start_time").asLong());
        assertEquals("2024-05-01", parameter(run, "day").path("value").asText());
        assertEquals("2024-01-01", parameter(run, "day").path("default").asText());

        assertEquals("SUCCESS", resultOf(run, "ingest"));
        assertEquals("SUCCESS", resultOf(run, "check"));
        assertEquals("SUCCESS", resultOf(run, "big"));
        assertEquals("EXCLUDED", resultOf(run, "small"));
        assertEquals("FAILED", resultOf(run, "broken"));
        assertEquals(1, task(run, "broken").path("attempt_number").asInt());
        assertEquals("UPSTREAM_FAILED", resultOf(run, "after_broken"));
        assertEquals("SUCCESS", resultOf(run, "cleanup"));
        assertEquals(cluster, task(run, "ingest").path("cluster_instance").path("cluster_id").asText());

        JsonNode ingest = output(task(run, "ingest").path("run_id").asLong());
        assertEquals(ingest.toString(), "2024-05-01", ingest.path("notebook_output").path("result").asText());
        assertEquals("ingest", ingest.path("metadata").path("task_key").asText());
        assertEquals(jobId, ingest.path("metadata").path("job_id").asLong());
        JsonNode big = output(task(run, "big").path("run_id").asLong());
        assertEquals(big.toString(), 20, big.path("sql_output").path("data").path(0).path(0).asInt());
        JsonNode check = output(task(run, "check").path("run_id").asLong());
        assertEquals("true", check.path("condition_task").path("outcome").asText());
        JsonNode broken = output(task(run, "broken").path("run_id").asLong());
        assertTrue(broken.toString(), broken.path("error").asText().contains("no_such_table"));
        assertError(get("/api/2.1/jobs/runs/get-output?run_id=" + runId, admin), 400, "INVALID_PARAMETER_VALUE");
        JsonNode views = get("/api/2.1/jobs/runs/export?run_id=" + task(run, "ingest").path("run_id").asLong(),
                admin).body().path("views");
        assertEquals(views.toString(), "/Shared/jobs/ingest", views.path(0).path("name").asText());
        assertEquals("NOTEBOOK", views.path(0).path("type").asText());
        assertTrue(views.toString(), views.path(0).path("content").asText().contains("dbutils.notebook.exit"));
        assertEquals(1, get("/api/2.1/jobs/runs/export?run_id=" + runId, admin).body().path("views").size());

        JsonNode listed = get("/api/2.1/jobs/runs/list?job_id=" + jobId + "&expand_tasks=true", admin).body();
        assertEquals(runId, listed.path("runs").path(0).path("run_id").asLong());
        assertEquals(7, listed.path("runs").path(0).path("tasks").size());
        assertTrue(get("/api/2.1/jobs/runs/list?job_id=" + jobId, admin).body().path("runs").path(0).path("tasks")
                .isMissingNode());
        assertEquals(0, get("/api/2.1/jobs/runs/list?job_id=" + jobId + "&active_only=true", admin).body()
                .path("runs").size());

        // only: the tasks named run, without the others
        long onlyRun = post("/api/2.2/jobs/run-now", admin, "{\"job_id\": " + jobId
                + ", \"only\": [\"check\", \"small\"]}").body().path("run_id").asLong();
        JsonNode partial = awaitEnd(onlyRun);
        assertEquals(partial.toString(), "SUCCESS", partial.path("state").path("result_state").asText());
        assertEquals(2, partial.path("tasks").size());
        assertEquals("SUCCESS", resultOf(partial, "small"));
    }

    @Test
    public void notebookTasksPassTaskValuesBetweenPythonAndScalaAlsoAfterARepair() throws Exception {
        String cluster = cluster();
        importNotebook("/Shared/jobs/produce", "PYTHON", """
                # Databricks notebook source
                dbutils.jobs.taskValues.set("rows", 42)
                dbutils.jobs.taskValues.set(key="meta", value={"day": dbutils.widgets.get("day"), "parts": [1, 2]})
                """);
        importNotebook("/Shared/jobs/double", "SCALA", """
                // Databricks notebook source
                val rows = dbutils.jobs.taskValues.get("produce", "rows", 0, 0).asInstanceOf[Number].intValue
                val missing = dbutils.jobs.taskValues.get("produce", "nothing", "fallback", "debug")
                dbutils.jobs.taskValues.set("doubled", rows * 2)
                dbutils.jobs.taskValues.set("names", Seq("a", "b"))
                dbutils.notebook.exit(s"$rows $missing")
                """);
        importNotebook("/Shared/jobs/check", "PYTHON", """
                # Databricks notebook source
                meta = dbutils.jobs.taskValues.get(taskKey="produce", key="meta")
                try:
                    dbutils.jobs.taskValues.get("produce", "absent")
                    raise AssertionError("a missing value without default must fail")
                except ValueError:
                    pass
                names = dbutils.jobs.taskValues.get("double", "names")
                dbutils.notebook.exit("%s %s %s %s" % (meta["day"], meta["parts"], names,
                                                      dbutils.jobs.taskValues.get("double", "doubled")))
                """);
        long jobId = createJob("/api/2.1/jobs/create", """
                {"name": "task values", "tasks": [
                  {"task_key": "produce", "existing_cluster_id": "%1$s",
                   "notebook_task": {"notebook_path": "/Shared/jobs/produce", "base_parameters": {"day": "mon"}}},
                  {"task_key": "double", "depends_on": [{"task_key": "produce"}], "existing_cluster_id": "%1$s",
                   "notebook_task": {"notebook_path": "/Shared/jobs/double"}},
                  {"task_key": "is_84", "depends_on": [{"task_key": "double"}],
                   "condition_task": {"op": "EQUAL_TO", "left": "{{tasks.double.values.doubled}}", "right": "84"}},
                  {"task_key": "check", "depends_on": [{"task_key": "is_84", "outcome": "true"}],
                   "existing_cluster_id": "%1$s", "notebook_task": {"notebook_path": "/Shared/jobs/check"}}
                 ]}""".formatted(cluster));
        long runId = runNow(jobId, "{}");
        JsonNode run = awaitEnd(runId);
        assertEquals(run.toString(), "SUCCESS", run.path("state").path("result_state").asText());
        assertEquals("42 fallback", output(task(run, "double").path("run_id").asLong()).path("notebook_output")
                .path("result").asText());
        JsonNode check = output(task(run, "check").path("run_id").asLong());
        assertEquals(check.toString(), "mon [1, 2] ['a', 'b'] 84", check.path("notebook_output").path("result")
                .asText());
        assertTrue(check.toString(), check.path("task_values").isMissingNode());

        // A repair reruns only the last task: the values of the tasks it keeps are still there.
        Answer repaired = post("/api/2.1/jobs/runs/repair", admin, "{\"run_id\": " + runId
                + ", \"rerun_tasks\": [\"check\"]}");
        assertEquals(repaired.body().toString(), 200, repaired.status());
        JsonNode again = awaitEnd(runId);
        assertEquals(again.toString(), "SUCCESS", again.path("state").path("result_state").asText());
        assertEquals("mon [1, 2] ['a', 'b'] 84", output(task(again, "check").path("run_id").asLong())
                .path("notebook_output").path("result").asText());

        // Outside a job run: a set does nothing, a get answers its debug value or fails without one.
        String context = post("/api/1.2/contexts/create", admin, "{\"clusterId\":\"" + cluster
                + "\",\"language\":\"python\"}").body().path("id").asText();
        JsonNode outside = runCommand(cluster, context, "python", """
                dbutils.jobs.taskValues.set("rows", 1)
                try:
                    dbutils.jobs.taskValues.get("produce", "rows")
                except TypeError as e:
                    print("refused:", e)
                print(dbutils.jobs.taskValues.get("produce", "rows", default=5, debugValue=7))
                """);
        String printed = outside.path("results").path("data").asText();
        assertTrue(outside.toString(),
                printed.contains("refused: Must pass debugValue") && printed.strip().endsWith("7"));
        JsonNode scala = runCommand(cluster, context, "scala", "dbutils.jobs.taskValues.get(\"p\", \"r\", 1, 9)");
        assertTrue(scala.toString(), scala.path("results").path("data").asText().contains("9"));
        JsonNode unjsonable = runCommand(cluster, context, "python", "dbutils.jobs.taskValues.set('x', object())");
        assertEquals(unjsonable.toString(), "error", unjsonable.path("results").path("resultType").asText());
    }

    @Test
    public void jobClustersAreMadeForTheRunSharedByKeyAndTerminatedAfterTheirLastTask() throws Exception {
        cluster();
        long jobId = createJob("/api/2.2/jobs/create", """
                {"name": "on-job-clusters",
                 "job_clusters": [{"job_cluster_key": "shared", "new_cluster": {"spark_version": "%1$s",
                   "node_type_id": "local-small", "num_workers": 0}}],
                 "tasks": [
                  {"task_key": "first", "job_cluster_key": "shared",
                   "notebook_task": {"notebook_path": "/Shared/jobs/ingest", "base_parameters": {"day": "d"}}},
                  {"task_key": "second", "depends_on": [{"task_key": "first"}], "job_cluster_key": "shared",
                   "sql_task": {"query": "SELECT 40 + 2 AS answer"}},
                  {"task_key": "own", "new_cluster": {"spark_version": "%1$s", "num_workers": 0},
                   "sql_task": {"query": "SELECT 1"}},
                  {"task_key": "libs", "depends_on": [{"task_key": "second"}], "job_cluster_key": "shared",
                   "libraries": [{"jar": "dbfs:/no/such/library.jar"}], "sql_task": {"query": "SELECT 1"}}]}"""
                .formatted(SPARK35));
        long runId = runNow(jobId, "{}");
        await("the job cluster in clusters/list", () -> jobClusters(runId).size() >= 1);
        JsonNode run = awaitEnd(runId);
        String shared = task(run, "first").path("cluster_instance").path("cluster_id").asText();
        assertEquals(run.toString(), "SUCCESS", resultOf(run, "first"));
        assertEquals("SUCCESS", resultOf(run, "second"));
        assertEquals(shared, task(run, "second").path("cluster_instance").path("cluster_id").asText());
        assertEquals("SUCCESS", resultOf(run, "own"));
        String own = task(run, "own").path("cluster_instance").path("cluster_id").asText();
        assertNotEquals(shared, own);
        assertEquals("INTERNAL_ERROR", task(run, "libs").path("state").path("life_cycle_state").asText());
        assertEquals("LIBRARY_INSTALLATION_ERROR",
                task(run, "libs").path("status").path("termination_details").path("code").asText());
        assertEquals("INTERNAL_ERROR", run.path("state").path("life_cycle_state").asText());
        for (String id : List.of(shared, own)) {
            JsonNode cluster = cluster(id);
            assertEquals(cluster.toString(), "JOB", cluster.path("cluster_source").asText());
            assertTrue(cluster.path("cluster_name").asText().startsWith("job-" + jobId + "-run-" + runId));
            await("job cluster " + id + " to terminate", () -> "TERMINATED".equals(state(id)));
        }
    }

    /** The ids of the clusters made for a run, as clusters/list shows them. */
    private List<String> jobClusters(long runId) {
        try {
            List<String> ids = new ArrayList<>();
            get("/api/2.0/clusters/list", admin).body().path("clusters").forEach(c -> {
                if ("JOB".equals(c.path("cluster_source").asText())
                        && c.path("cluster_name").asText().contains("-run-" + runId + "-")) {
                    ids.add(c.path("cluster_id").asText());
                }
            });
            return ids;
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    @Test
    public void jarPythonFileWheelAndForEachTasksRunOnTheDriverWithTheirParametersAndLibraries() throws Exception {
        String cluster = cluster();
        put("dbfs:/jobs/tasks/app.jar", MavenFileRepository.compiledJar("bw.jobs.App", APP));
        put("dbfs:/jobs/tasks/script.py", SCRIPT.getBytes(StandardCharsets.UTF_8));
        put("dbfs:/jobs/tasks/bw_tool-1.0-py3-none-any.whl", PypiIndex.wheel("bw_tool", "1.0",
                "import sys\n\ndef main():\n    print('hello ' + sys.argv[1].split('=', 1)[1])\n",
                Map.of("entry_points.txt", "[console_scripts]\ngreet = bw_tool:main\n")));
        long jobId = createJob("/api/2.2/jobs/create",
                """
                        {"name": "driver-tasks", "tasks": [
                          {"task_key": "jar", "existing_cluster_id": "%1$s", "libraries": [{"jar": "dbfs:/jobs/tasks/app.jar"}],
                           "spark_jar_task": {"main_class_name": "bw.jobs.App", "parameters": ["jar_task_out", "7"]}},
                          {"task_key": "script", "existing_cluster_id": "%1$s",
                           "spark_python_task": {"python_file": "dbfs:/jobs/tasks/script.py", "parameters": ["a", "{{job.id}}"]}},
                          {"task_key": "wheel", "existing_cluster_id": "%1$s",
                           "libraries": [{"whl": "dbfs:/jobs/tasks/bw_tool-1.0-py3-none-any.whl"}],
                           "python_wheel_task": {"package_name": "bw-tool", "entry_point": "greet",
                             "named_parameters": {"name": "ada"}}},
                          {"task_key": "each", "depends_on": [{"task_key": "script"}], "for_each_task": {
                           "inputs": "[\\"x\\", \\"y\\"]", "concurrency": 2, "task": {"task_key": "inner",
                           "existing_cluster_id": "%1$s", "sql_task": {"query": "SELECT '{{input}}' AS v"}}}},
                          {"task_key": "bad_script", "existing_cluster_id": "%1$s",
                           "spark_python_task": {"python_file": "dbfs:/jobs/tasks/script.py", "parameters": ["fail"]}}]}"""
                        .formatted(cluster));
        JsonNode run = awaitEnd(runNow(jobId, "{}"));
        assertEquals(run.toString(), "FAILED", run.path("state").path("result_state").asText());
        assertEquals(run.toString(), "SUCCESS", resultOf(run, "jar"));
        assertEquals("7", sqlValue(cluster, "SELECT count(*) FROM jar_task_out"));
        assertEquals("SUCCESS", resultOf(run, "script"));
        String logs = output(task(run, "script").path("run_id").asLong()).path("logs").asText();
        assertTrue(logs, logs.contains("args ['a', '" + jobId + "']"));
        assertEquals(run.toString(), "SUCCESS", resultOf(run, "wheel"));
        assertTrue(output(task(run, "wheel").path("run_id").asLong()).path("logs").asText().contains("hello ada"));
        JsonNode each = task(run, "each");
        assertEquals(each.toString(), "SUCCESS", each.path("state").path("result_state").asText());
        assertEquals(2, each.path("iterations").size());
        for (int i = 0; i < 2; i++) {
            JsonNode iteration = each.path("iterations").path(i);
            assertEquals("SUCCESS", iteration.path("state").path("result_state").asText());
            assertEquals(List.of("x", "y").get(i), output(iteration.path("run_id").asLong()).path("sql_output")
                    .path("data").path(0).path(0).asText());
        }
        assertEquals("FAILED", resultOf(run, "bad_script"));
        JsonNode failure = output(task(run, "bad_script").path("run_id").asLong());
        assertTrue(failure.toString(), failure.path("error").asText().contains("asked to fail"));
        assertTrue(failure.toString(), failure.path("error_trace").asText().contains("ValueError"));
    }

    private void put(String path, byte[] contents) throws Exception {
        Answer put = post("/api/2.0/dbfs/put", admin, JSON.createObjectNode().put("path", path).put("overwrite", true)
                .put("contents", Base64.getEncoder().encodeToString(contents)).toString());
        assertEquals(put.body().toString(), 200, put.status());
    }

    @Test
    public void oneTimeRunsInTheFlatShapeAreCancelledAndTimedOut() throws Exception {
        String cluster = cluster();
        Answer submitted = post("/api/2.0/jobs/runs/submit", admin, """
                {"run_name": "airflow", "existing_cluster_id": "%s",
                 "notebook_task": {"notebook_path": "/Shared/jobs/ingest", "base_parameters": {"day": "d1"}}}"""
                .formatted(cluster));
        assertEquals(submitted.body().toString(), 200, submitted.status());
        JsonNode flat = awaitEnd(submitted.body().path("run_id").asLong());
        assertEquals(flat.toString(), "SUCCESS", flat.path("state").path("result_state").asText());
        assertEquals("SUBMIT_RUN", flat.path("run_type").asText());
        assertEquals("airflow", flat.path("run_name").asText());
        assertFalse(flat.has("job_id"));
        // a one-task run answers get-output with its run id, as Airflow asks
        assertEquals("d1", output(flat.path("run_id").asLong()).path("notebook_output").path("result").asText());

        long longRun = post("/api/2.1/jobs/runs/submit", admin, """
                {"run_name": "long", "tasks": [{"task_key": "spin", "existing_cluster_id": "%s",
                  "sql_task": {"query": "%s"}}]}""".formatted(cluster, LONG_QUERY)).body().path("run_id").asLong();
        await("the long run to be RUNNING", () -> "RUNNING".equals(lifeCycle(longRun)));
        assertEquals(200, post("/api/2.1/jobs/runs/cancel", admin, "{\"run_id\": " + longRun + "}").status());
        JsonNode cancelled = awaitEnd(longRun);
        assertEquals(cancelled.toString(), "CANCELED", cancelled.path("state").path("result_state").asText());
        assertTrue(cancelled.path("state").path("user_cancelled_or_timedout").asBoolean());
        assertEquals("USER_CANCELED", cancelled.path("status").path("termination_details").path("code").asText());

        long timed = post("/api/2.1/jobs/runs/submit", admin, """
                {"run_name": "timed", "tasks": [{"task_key": "spin", "existing_cluster_id": "%s",
                  "timeout_seconds": 2, "notebook_task": {"notebook_path": "/Shared/jobs/long"}}]}"""
                .formatted(cluster)).body().path("run_id").asLong();
        JsonNode timedOut = awaitEnd(timed);
        assertEquals(timedOut.toString(), "TIMEDOUT", resultOf(timedOut, "spin"));
        assertEquals("FAILED", timedOut.path("state").path("result_state").asText());
        // the cluster is free again: the cancelled Spark work does not hold it
        assertEquals("3", sqlValue(cluster, "SELECT 1 + 2"));
    }

    @Test
    public void concurrentRunsQueueOrSkipAndIdempotencyTokensGiveTheSameRun() throws Exception {
        String cluster = cluster();
        String settings = """
                {"name": "%s", "max_concurrent_runs": 1, "tasks": [{"task_key": "spin",
                  "existing_cluster_id": "%s", "notebook_task": {"notebook_path": "/Shared/jobs/long"}}]}""";
        long queued = createJob("/api/2.2/jobs/create", settings.formatted("queued", cluster));
        assertTrue(get("/api/2.2/jobs/get?job_id=" + queued, admin).body().path("settings").path("queue")
                .path("enabled").asBoolean());
        long first = runNow(queued, "{\"idempotency_token\": \"tok-1\"}");
        assertEquals(first, runNow(queued, "{\"idempotency_token\": \"tok-1\"}"));
        await("the first run to be RUNNING", () -> "RUNNING".equals(lifeCycle(first)));
        long second = runNow(queued, "{}");
        JsonNode waiting = get("/api/2.2/jobs/runs/get?run_id=" + second, admin).body();
        assertEquals(waiting.toString(), "QUEUED", waiting.path("state").path("life_cycle_state").asText());
        assertEquals("ACTIVE_RUNS_LIMIT_REACHED",
                waiting.path("status").path("queue_details").path("code").asText());
        assertEquals(200, post("/api/2.2/jobs/runs/cancel", admin, "{\"run_id\": " + first + "}").status());
        await("the queued run to start", () -> "RUNNING".equals(lifeCycle(second)));
        assertEquals(200, post("/api/2.2/jobs/runs/cancel-all", admin, "{\"job_id\": " + queued + "}").status());
        assertEquals("CANCELED", awaitEnd(second).path("state").path("result_state").asText());

        long skipping = createJob("/api/2.1/jobs/create", settings.formatted("skipping", cluster));
        long running = runNow(skipping, "{}");
        await("the run to be RUNNING", () -> "RUNNING".equals(lifeCycle(running)));
        JsonNode skipped = awaitEnd(runNow(skipping, "{}"));
        assertEquals(skipped.toString(), "SKIPPED", skipped.path("state").path("life_cycle_state").asText());
        assertEquals("MAXIMUM_CONCURRENT_RUNS_REACHED", skipped.path("state").path("result_state").asText());
        post("/api/2.1/jobs/runs/cancel", admin, "{\"run_id\": " + running + "}");
        awaitEnd(running);
        assertError(post("/api/2.1/jobs/runs/delete", admin, "{\"run_id\": " + 999_999_999 + "}"), 404,
                "RESOURCE_DOES_NOT_EXIST");
        assertEquals(200, post("/api/2.1/jobs/runs/delete", admin, "{\"run_id\": " + running + "}").status());
        assertError(get("/api/2.1/jobs/runs/get?run_id=" + running, admin), 404, "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    public void aPluginTaskTypeRunsWhileRegisteredAndItsRemovalFailsOnlyItsRuns() throws Exception {
        ServiceRegistration<TaskType> echo = context.registerService(TaskType.class, new TaskType() {
            @Override
            public boolean runsOnCluster() {
                return false;
            }

            @Override
            public TaskResult run(TaskRun task) {
                task.setTaskValue("said", task.payload().get("text"));
                return TaskResult.success(Map.of("echo_output", Map.of("text", task.payload().get("text"))),
                        "echoed " + task.payload().get("text"));
            }
        }, new Hashtable<>(Map.of(TaskType.NAME, "echo_task")));
        long jobId;
        try {
            jobId = createJob("/api/2.1/jobs/create", """
                    {"name": "echo", "tasks": [
                      {"task_key": "say", "echo_task": {"text": "run {{job.run_id}}"}},
                      {"task_key": "hear", "depends_on": [{"task_key": "say"}], "condition_task":
                        {"op": "EQUAL_TO", "left": "{{tasks.say.values.said}}", "right": "run {{job.run_id}}"}}]}""");
            long runId = runNow(jobId, "{}");
            JsonNode run = awaitEnd(runId);
            assertEquals(run.toString(), "SUCCESS", run.path("state").path("result_state").asText());
            JsonNode said = output(task(run, "say").path("run_id").asLong());
            assertEquals("run " + runId, said.path("echo_output").path("text").asText());
            assertEquals("echoed run " + runId, said.path("logs").asText());
            assertEquals("true", output(task(run, "hear").path("run_id").asLong()).path("condition_task")
                    .path("outcome").asText());
        } finally {
            echo.unregister();
        }
        JsonNode orphan = awaitEnd(runNow(jobId, "{}"));
        assertEquals(orphan.toString(), "INTERNAL_ERROR", orphan.path("state").path("life_cycle_state").asText());
        assertEquals("INVALID_RUN_CONFIGURATION",
                orphan.path("status").path("termination_details").path("code").asText());
        assertError(post("/api/2.1/jobs/create", admin, "{\"name\": \"x\", \"tasks\": [{\"task_key\": \"a\","
                + " \"echo_task\": {}}]}"), 400, "INVALID_PARAMETER_VALUE");
    }

    @Test
    public void runJobTaskRunsAnotherJobAndSchedulesFire() throws Exception {
        long child = createJob("/api/2.1/jobs/create", """
                {"name": "child", "parameters": [{"name": "who", "default": "nobody"}], "tasks": [{"task_key": "c",
                  "condition_task": {"op": "EQUAL_TO", "left": "{{job.parameters.who}}", "right": "parent"}}]}""");
        long parent = createJob("/api/2.1/jobs/create", """
                {"name": "parent", "tasks": [{"task_key": "call",
                  "run_job_task": {"job_id": %d, "job_parameters": {"who": "parent"}}}]}""".formatted(child));
        JsonNode run = awaitEnd(runNow(parent, "{}"));
        assertEquals(run.toString(), "SUCCESS", run.path("state").path("result_state").asText());
        long childRun = output(task(run, "call").path("run_id").asLong()).path("run_job_output").path("run_id")
                .asLong();
        JsonNode childRunDoc = get("/api/2.1/jobs/runs/get?run_id=" + childRun, admin).body();
        assertEquals(child, childRunDoc.path("job_id").asLong());
        assertEquals("RUN_JOB_TASK", childRunDoc.path("trigger").asText());
        assertEquals("parent", parameter(childRunDoc, "who").path("value").asText());

        long scheduled = createJob("/api/2.1/jobs/create", """
                {"name": "every-second", "schedule": {"quartz_cron_expression": "* * * * * ?",
                  "timezone_id": "Europe/Berlin"}, "tasks": [{"task_key": "tick",
                  "condition_task": {"op": "EQUAL_TO", "left": "{{job.trigger.type}}", "right": "PERIODIC"}}]}""");
        await("a scheduled run", () -> runs(scheduled).size() >= 1);
        JsonNode periodic = awaitEnd(runs(scheduled).get(0).path("run_id").asLong());
        assertEquals(periodic.toString(), "PERIODIC", periodic.path("trigger").asText());
        assertEquals("SUCCESS", periodic.path("state").path("result_state").asText());
        assertTrue(periodic.path("trigger_info").path("scheduled_time").asLong() > 0);
        assertEquals("Job " + scheduled + "'s schedule is PAUSED", shell("bw:job-pause " + scheduled).trim());
        int fired = runs(scheduled).size();
        Thread.sleep(12_000); // longer than the 10 s between a job's scheduled runs: nothing fires while paused
        assertEquals(fired, runs(scheduled).size());

        long from = 1_700_000_000_000L;
        Answer backfill = post("/api/2.0/jobs/backfill", admin, "{\"job_id\": " + scheduled + ", \"start_time\": "
                + from + ", \"end_time\": " + (from + 5_000) + "}");
        assertEquals(backfill.body().toString(), 200, backfill.status());
        assertEquals(6, backfill.body().path("run_ids").size());
        for (int i = 0; i < 6; i++) {
            JsonNode late = awaitEnd(backfill.body().path("run_ids").path(i).asLong());
            assertEquals(late.toString(), "SUCCESS", late.path("state").path("result_state").asText());
            assertEquals(from + i * 1_000L, late.path("trigger_info").path("scheduled_time").asLong());
        }
        assertTrue(shell("bw:job-backfill " + scheduled + " 2023-11-14T22:13:20Z 2023-11-14T22:13:21Z")
                .contains("Queued 2 run(s)"));
        assertError(post("/api/2.0/jobs/backfill", admin, "{\"job_id\": " + child + ", \"start_time\": 0,"
                + " \"end_time\": 1}"), 400, "INVALID_PARAMETER_VALUE");
    }

    @Test
    public void aRunInFlightWhenTheJobsBundleIsUpdatedEndsInternalError() throws Exception {
        String cluster = cluster();
        long jobId = createJob("/api/2.1/jobs/create", """
                {"name": "interrupted", "tasks": [{"task_key": "spin", "existing_cluster_id": "%s",
                  "sql_task": {"query": "%s"}}]}""".formatted(cluster, LONG_QUERY));
        long runId = runNow(jobId, "{}");
        await("the run to be RUNNING", () -> "RUNNING".equals(lifeCycle(runId)));
        bundle("org.brickworks.jobs").update();
        await("the jobs API after the update", () -> lifeCycle(runId).equals("INTERNAL_ERROR"));
        JsonNode run = get("/api/2.1/jobs/runs/get?run_id=" + runId, admin).body();
        assertTrue(run.toString(), run.path("state").path("state_message").asText().contains("stopped"));
        assertEquals("3", sqlValue(cluster, "SELECT 1 + 2"));
    }

    @Test
    public void theShellRunsJobsAndShowsRuns() throws Exception {
        long jobId = createJob("/api/2.1/jobs/create", """
                {"name": "shell-run", "parameters": [{"name": "n", "default": "1"}], "tasks": [{"task_key": "t",
                  "condition_task": {"op": "GREATER_THAN", "left": "{{job.parameters.n}}", "right": "5"}}]}""");
        String started = shell("bw:job-run " + jobId + " n=7");
        assertTrue(started, started.startsWith("Run "));
        long runId = Long.parseLong(started.split(" ")[1]);
        JsonNode run = awaitEnd(runId);
        assertEquals("SUCCESS", run.path("state").path("result_state").asText());
        String table = shell("bw:runs " + jobId);
        assertTrue(table, table.contains(Long.toString(runId)) && table.contains("TERMINATED"));
        assertTrue(shell("bw:run-get " + runId).contains("\"job_parameters\""));
        String output = shell("bw:run-output " + runId);
        assertTrue(output, output.contains("\"outcome\" : \"true\""));
        assertTrue(failure("bw:job-run " + jobId + " nope").contains("name=value"));
        assertTrue(failure("bw:job-pause " + jobId).contains("has no schedule"));
    }

    @Test
    public void badRunRequestsAreRefusedNamingTheField() throws Exception {
        long jobId = createJob("/api/2.1/jobs/create", """
                {"name": "refusals", "tasks": [{"task_key": "t",
                  "condition_task": {"op": "EQUAL_TO", "left": "1", "right": "1"}}]}""");
        assertError(post("/api/2.1/jobs/run-now", admin, "{\"job_id\": 987654321}"), 404, "RESOURCE_DOES_NOT_EXIST");
        assertError(post("/api/2.1/jobs/run-now", admin, "{}"), 400, "INVALID_PARAMETER_VALUE");
        assertError(get("/api/2.1/jobs/runs/get?run_id=987654321", admin), 404, "RESOURCE_DOES_NOT_EXIST");
        String longToken = "x".repeat(65);
        Answer token = post("/api/2.1/jobs/run-now", admin, "{\"job_id\": " + jobId + ", \"idempotency_token\": \""
                + longToken + "\"}");
        assertError(token, 400, "INVALID_PARAMETER_VALUE");
        assertTrue(token.body().path("message").asText().contains("idempotency_token"));
        assertError(post("/api/2.1/jobs/run-now", admin, "{\"job_id\": " + jobId + ", \"only\": [\"nope\"]}"), 400,
                "INVALID_PARAMETER_VALUE");
        assertError(post("/api/2.1/jobs/run-now", admin, "{\"job_id\": " + jobId
                + ", \"job_parameters\": {\"undeclared\": \"1\"}}"), 400, "INVALID_PARAMETER_VALUE");
        Answer submit = post("/api/2.1/jobs/runs/submit", admin, "{\"tasks\": [{\"task_key\": \"a\","
                + " \"notebook_task\": {\"notebook_path\": \"/x\"}}]}");
        assertError(submit, 400, "INVALID_PARAMETER_VALUE");
        assertTrue(submit.body().toString(), submit.body().path("message").asText().contains("existing_cluster_id"));
        assertError(get("/api/2.1/jobs/runs/list?limit=26", admin), 400, "INVALID_PARAMETER_VALUE");
        assertError(post("/api/2.1/jobs/runs/cancel-all", admin, "{}"), 400, "INVALID_PARAMETER_VALUE");
        assertEquals(0, get("/api/2.1/jobs/runs/list?job_id=" + jobId, admin).body().path("runs").size());
    }

    private void importNotebook(String path, String language, String source) throws Exception {
        post("/api/2.0/workspace/mkdirs", admin, "{\"path\": \"/Shared/jobs\"}");
        Answer imported = post("/api/2.0/workspace/import", admin, JSON.createObjectNode().put("path", path)
                .put("format", "SOURCE").put("language", language).put("overwrite", true)
                .put("content", Base64.getEncoder().encodeToString(source.getBytes())).toString());
        assertEquals(imported.body().toString(), 200, imported.status());
    }

    private long createJob(String endpoint, String settings) throws Exception {
        Answer created = post(endpoint, admin, settings);
        assertEquals(created.body().toString(), 200, created.status());
        return created.body().path("job_id").asLong();
    }

    private long runNow(long jobId, String request) throws Exception {
        JsonNode body = JSON.readTree(request);
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("job_id", jobId);
        Answer started = post("/api/2.1/jobs/run-now", admin, body.toString());
        assertEquals(started.body().toString(), 200, started.status());
        return started.body().path("run_id").asLong();
    }

    /** Polls runs/get as the SDK's waiter does, until the run's life cycle state is final. */
    private JsonNode awaitEnd(long runId) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        JsonNode run = get("/api/2.2/jobs/runs/get?run_id=" + runId, admin).body();
        while (!run.path("state").path("life_cycle_state").asText().matches("TERMINATED|SKIPPED|INTERNAL_ERROR")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Run " + runId + " did not end: " + run);
            }
            Thread.sleep(100); // polling interval of a condition wait
            run = get("/api/2.2/jobs/runs/get?run_id=" + runId, admin).body();
        }
        return run;
    }

    private String lifeCycle(long runId) {
        try {
            return get("/api/2.1/jobs/runs/get?run_id=" + runId, admin).body().path("state").path("life_cycle_state")
                    .asText();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private List<JsonNode> runs(long jobId) {
        try {
            List<JsonNode> runs = new ArrayList<>();
            get("/api/2.1/jobs/runs/list?job_id=" + jobId, admin).body().path("runs").forEach(runs::add);
            return runs;
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private JsonNode output(long taskRunId) throws Exception {
        Answer output = get("/api/2.1/jobs/runs/get-output?run_id=" + taskRunId, admin);
        assertEquals(output.body().toString(), 200, output.status());
        return output.body();
    }

    private static JsonNode task(JsonNode run, String key) {
        for (JsonNode task : run.path("tasks")) {
            if (task.path("task_key").asText().equals(key)) {
                return task;
            }
        }
        throw new AssertionError("No task " + key + " in " + run);
    }

    private static String resultOf(JsonNode run, String key) {
        return task(run, key).path("state").path("result_state").asText();
    }

    private static JsonNode parameter(JsonNode run, String name) {
        for (JsonNode parameter : run.path("job_parameters")) {
            if (parameter.path("name").asText().equals(name)) {
                return parameter;
            }
        }
        throw new AssertionError("No job parameter " + name + " in " + run);
    }

    private static void assertError(Answer answer, int status, String code) {
        assertEquals(answer.body().toString(), status, answer.status());
        assertEquals(answer.body().toString(), code, answer.errorCode());
        assertNotEquals("", answer.body().path("message").asText());
    }
}
