import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Benchmarks jobs on a built Brickworks distribution, from the outside, as a client sees them:
 * <ol>
 * <li>scheduler fire lag: 100 jobs due on the same second; from the scheduled time to each run's creation and to its
 * first task's start (the platform's own timestamps), p50 and p99 (target: creation p99 ≤ 200 ms);</li>
 * <li>{@code runs/submit} of a one-task {@code SELECT 1} on an existing cluster, submit until a client polling
 * {@code runs/get} sees {@code TERMINATED SUCCESS}, against the same {@code SELECT 1} through the Command Execution
 * API 1.2 (context, execute, status polls, destroy) in the same run, alternated; overhead of the p50s (target ≤ 20
 * ms);</li>
 * <li>a one-task run on a job cluster ({@code new_cluster}) end to end, against creating an all-purpose cluster until
 * RUNNING plus the same command through API 1.2, alternated (target ≤ 1.1×); and the job cluster taken from a warm
 * instance pool;</li>
 * <li>1,000 jobs of 10 tasks (and a run of each) in the store: {@code jobs/list} and {@code runs/list} p99 (target ≤
 * 50 ms).</li>
 * </ol>
 *
 * <pre>java releng/bench/JobsBenchmark.java [--dist product/target/brickworks] [--runs 5] [--jobs 1000]
 *     [--parts scheduler,submit,clusters,lists]</pre>
 *
 * Only JDK classes are used (the JDK 17 source launcher runs one file), so a small JSON reader is part of it.
 */
public final class JobsBenchmark {
    static final String RUNTIME = "15.4.x-scala2.12";
    static final Duration TIMEOUT = Duration.ofMinutes(5);
    static final long POLL_MS = 10;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--dist", "product/target/brickworks", "--runs", "5",
                "--jobs", "1000", "--scheduled", "100", "--requests", "500", "--parts", "scheduler,submit,clusters,lists"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!options.containsKey(args[i])) {
                System.err.println("unknown option " + args[i] + "; options: " + options.keySet());
                System.exit(2);
            }
            options.put(args[i], args[i + 1]);
        }
        Path dist = Path.of(options.get("--dist"));
        int runs = Integer.parseInt(options.get("--runs"));
        Path root = Files.createTempDirectory("brickworks-jobs-bench-");
        Process platform = null;
        try {
            int[] ports = freePorts();
            ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/brickworks").toAbsolutePath().toString())
                    .directory(dist.toFile()).redirectInput(Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(root.resolve("platform.log").toFile());
            builder.environment().put("BRICKWORKS_HTTP_HOST", "127.0.0.1");
            builder.environment().put("BRICKWORKS_HTTP_PORT", String.valueOf(ports[0]));
            builder.environment().put("BRICKWORKS_SSH_PORT", String.valueOf(ports[1]));
            builder.environment().put("BRICKWORKS_DATA", root.resolve("data").toString());
            platform = builder.start();
            Api api = new Api("http://127.0.0.1:" + ports[0], root.resolve("data"));
            api.awaitHealthy(); // every area's routes, the jobs API's among them
            System.out.println("[platform] up; load " + load());
            Map<String, String> results = new LinkedHashMap<>();
            List<String> parts = List.of(options.get("--parts").split(","));
            if (parts.contains("scheduler")) {
                scheduler(api, Integer.parseInt(options.get("--scheduled")), results);
            }
            if (parts.contains("submit")) {
                String cluster = api.cluster("{\"cluster_name\": \"bench\", \"spark_version\": \"" + RUNTIME + "\"}");
                submitOverhead(api, cluster, runs * 4, results);
                api.post("/api/2.0/clusters/permanent-delete", "{\"cluster_id\": \"" + cluster + "\"}");
            }
            if (parts.contains("clusters")) {
                jobClusters(api, runs, results);
            }
            if (parts.contains("lists")) {
                lists(api, Integer.parseInt(options.get("--jobs")), Integer.parseInt(options.get("--requests")),
                        results);
            }
            System.out.println();
            System.out.println("Brickworks jobs benchmark - figures (load at the end " + load() + ")");
            results.forEach((key, value) -> System.out.println("RESULT " + key + "=" + value));
        } finally {
            if (platform != null) {
                platform.toHandle().descendants().forEach(ProcessHandle::destroy);
                platform.destroy();
                platform.waitFor();
            }
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** 100 jobs whose schedules fire on the same second; the lag of their runs' creation and first task. */
    static void scheduler(Api api, int jobs, Map<String, String> results) throws Exception {
        ZonedDateTime due = Instant.now().plusSeconds(20 + jobs / 10).atZone(ZoneOffset.UTC).withNano(0);
        String cron = due.getSecond() + " " + due.getMinute() + " " + due.getHour() + " " + due.getDayOfMonth() + " "
                + due.getMonthValue() + " ? " + due.getYear();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            ids.add(api.number(api.post("/api/2.1/jobs/create", "{\"name\": \"due-" + i + "\", \"schedule\":"
                    + " {\"quartz_cron_expression\": \"" + cron + "\", \"timezone_id\": \"UTC\"}, \"tasks\":"
                    + " [{\"task_key\": \"t\", \"condition_task\": {\"op\": \"EQUAL_TO\", \"left\": \"1\","
                    + " \"right\": \"1\"}}]}"), "job_id"));
        }
        System.out.println("[scheduler] " + jobs + " jobs due at " + due.toInstant());
        long[] created = new long[jobs];
        long[] firstTask = new long[jobs];
        for (int i = 0; i < jobs; i++) {
            Map<?, ?> run = null;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (run == null) {
                List<?> runs = (List<?>) api.get("/api/2.1/jobs/runs/list?expand_tasks=true&job_id=" + ids.get(i))
                        .getOrDefault("runs", List.of());
                if (!runs.isEmpty() && ((Map<?, ?>) runs.get(0)).get("tasks") instanceof List<?> tasks
                        && ((Map<?, ?>) tasks.get(0)).get("start_time") instanceof Number start
                        && start.longValue() > 0) {
                    run = (Map<?, ?>) runs.get(0);
                } else if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("job " + ids.get(i) + " did not fire");
                } else {
                    Thread.sleep(200);
                }
            }
            long scheduled = ((Number) ((Map<?, ?>) run.get("trigger_info")).get("scheduled_time")).longValue();
            created[i] = ((Number) run.get("start_time")).longValue() - scheduled;
            firstTask[i] = ((Number) ((Map<?, ?>) ((List<?>) run.get("tasks")).get(0)).get("start_time")).longValue()
                    - scheduled;
        }
        Arrays.sort(created);
        Arrays.sort(firstTask);
        System.out.printf(Locale.ROOT, "[scheduler] run created after p50 %d ms, p99 %d ms; first task started after"
                + " p50 %d ms, p99 %d ms%n", percentile(created, 50), percentile(created, 99),
                percentile(firstTask, 50), percentile(firstTask, 99));
        results.put("fire_lag_created_p50_ms", Long.toString(percentile(created, 50)));
        results.put("fire_lag_created_p99_ms", Long.toString(percentile(created, 99)));
        results.put("fire_lag_first_task_p50_ms", Long.toString(percentile(firstTask, 50)));
        results.put("fire_lag_first_task_p99_ms", Long.toString(percentile(firstTask, 99)));
        results.put("fire_lag_target_met", Boolean.toString(percentile(created, 99) <= 200));
        for (long id : ids) {
            api.post("/api/2.1/jobs/delete", "{\"job_id\": " + id + "}");
        }
    }

    /** runs/submit of SELECT 1 until TERMINATED SUCCESS, against SELECT 1 through API 1.2; alternated. */
    static void submitOverhead(Api api, String cluster, int calls, Map<String, String> results) throws Exception {
        LongSupplier submit = () -> timed(() -> api.awaitRun(api.number(api.post("/api/2.1/jobs/runs/submit",
                "{\"run_name\": \"select\", \"tasks\": [{\"task_key\": \"q\", \"existing_cluster_id\": \"" + cluster
                        + "\", \"sql_task\": {\"query\": \"SELECT 1\"}}]}"), "run_id")));
        LongSupplier direct = () -> timed(() -> api.selectOne(cluster));
        for (int i = 0; i < 3; i++) { // warm both paths
            submit.getAsLong();
            direct.getAsLong();
        }
        long[] submitted = new long[calls];
        long[] commands = new long[calls];
        for (int i = 0; i < calls; i++) {
            submitted[i] = submit.getAsLong();
            commands[i] = direct.getAsLong();
        }
        Arrays.sort(submitted);
        Arrays.sort(commands);
        double overhead = (percentile(submitted, 50) - percentile(commands, 50)) / 1e6;
        System.out.printf(Locale.ROOT, "[submit] runs/submit SELECT 1 p50 %.1f ms, API 1.2 p50 %.1f ms: overhead"
                + " %.1f ms (%d each)%n", percentile(submitted, 50) / 1e6, percentile(commands, 50) / 1e6, overhead,
                calls);
        results.put("submit_p50_ms", String.format(Locale.ROOT, "%.1f", percentile(submitted, 50) / 1e6));
        results.put("command_1_2_p50_ms", String.format(Locale.ROOT, "%.1f", percentile(commands, 50) / 1e6));
        results.put("submit_overhead_p50_ms", String.format(Locale.ROOT, "%.1f", overhead));
        results.put("submit_overhead_target_met", Boolean.toString(overhead <= 20));
    }

    /**
     * A one-task run on its own job cluster, against an all-purpose cluster created until RUNNING plus the same
     * command; alternated, then job clusters from a warm instance pool.
     */
    static void jobClusters(Api api, int runs, Map<String, String> results) throws Exception {
        String spec = "{\"spark_version\": \"" + RUNTIME + "\", \"num_workers\": 0}";
        String job = "{\"run_name\": \"on-job-cluster\", \"tasks\": [{\"task_key\": \"q\", \"new_cluster\": %s,"
                + " \"sql_task\": {\"query\": \"SELECT 1\"}}]}";
        long[] onJobCluster = new long[runs];
        long[] allPurpose = new long[runs];
        for (int i = 0; i < runs; i++) {
            long[] runId = new long[1];
            onJobCluster[i] = timed(() -> {
                runId[0] = api.number(api.post("/api/2.1/jobs/runs/submit", String.format(job, spec)), "run_id");
                api.awaitRun(runId[0]);
            });
            api.awaitTerminated(api.jobCluster(runId[0])); // not timed: the next figure gets the CPUs to itself
            String[] id = new String[1];
            allPurpose[i] = timed(() -> {
                id[0] = api.cluster("{\"cluster_name\": \"all-purpose\", \"spark_version\": \"" + RUNTIME + "\"}");
                api.selectOne(id[0]);
            });
            api.post("/api/2.0/clusters/delete", "{\"cluster_id\": \"" + id[0] + "\"}");
            api.awaitTerminated(id[0]);
            System.out.printf(Locale.ROOT, "[job cluster] run %d: job cluster %.0f ms, all-purpose %.0f ms%n", i + 1,
                    onJobCluster[i] / 1e6, allPurpose[i] / 1e6);
        }
        String pool = api.text(api.post("/api/2.0/instance-pools/create", "{\"instance_pool_name\": \"bench\","
                + " \"node_type_id\": \"local-small\", \"min_idle_instances\": 1, \"preloaded_spark_versions\": [\""
                + RUNTIME + "\"]}"), "instance_pool_id");
        long[] fromPool = new long[runs];
        for (int i = 0; i < runs; i++) {
            api.awaitIdle(pool);
            Thread.sleep(5_000); // a warm pool's driver has waited a while: its Spark SQL warm-up is done
            long[] runId = new long[1];
            fromPool[i] = timed(() -> {
                runId[0] = api.number(api.post("/api/2.1/jobs/runs/submit", String.format(job, "{\"spark_version\": \""
                        + RUNTIME + "\", \"instance_pool_id\": \"" + pool + "\", \"num_workers\": 0}")), "run_id");
                api.awaitRun(runId[0]);
            });
            api.awaitTerminated(api.jobCluster(runId[0]));
            System.out.printf(Locale.ROOT, "[job cluster] run %d from the warm pool: %.0f ms%n", i + 1,
                    fromPool[i] / 1e6);
        }
        api.post("/api/2.0/instance-pools/delete", "{\"instance_pool_id\": \"" + pool + "\"}");
        Arrays.sort(onJobCluster);
        Arrays.sort(allPurpose);
        Arrays.sort(fromPool);
        double ratio = (double) percentile(onJobCluster, 50) / percentile(allPurpose, 50);
        System.out.printf(Locale.ROOT, "[job cluster] run on a job cluster p50 %.0f ms, all-purpose create + command"
                + " p50 %.0f ms: %.2f x; from a warm pool p50 %.0f ms%n", percentile(onJobCluster, 50) / 1e6,
                percentile(allPurpose, 50) / 1e6, ratio, percentile(fromPool, 50) / 1e6);
        results.put("job_cluster_run_p50_ms", String.format(Locale.ROOT, "%.0f", percentile(onJobCluster, 50) / 1e6));
        results.put("all_purpose_p50_ms", String.format(Locale.ROOT, "%.0f", percentile(allPurpose, 50) / 1e6));
        results.put("job_cluster_ratio", String.format(Locale.ROOT, "%.2f", ratio));
        results.put("job_cluster_pool_p50_ms", String.format(Locale.ROOT, "%.0f", percentile(fromPool, 50) / 1e6));
        results.put("job_cluster_target_met", Boolean.toString(ratio <= 1.1));
    }

    /** 1,000 jobs of 10 tasks and a run of each: jobs/list and runs/list latencies. */
    static void lists(Api api, int jobs, int requests, Map<String, String> results) throws Exception {
        StringBuilder tasks = new StringBuilder();
        for (int t = 0; t < 10; t++) {
            tasks.append(t == 0 ? "" : ", ").append("{\"task_key\": \"t").append(t).append("\"")
                    .append(t == 0 ? "" : ", \"depends_on\": [{\"task_key\": \"t" + (t - 1) + "\"}]")
                    .append(", \"condition_task\": {\"op\": \"EQUAL_TO\", \"left\": \"{{job.id}}\","
                            + " \"right\": \"{{job.id}}\"}}");
        }
        List<Long> ids = new ArrayList<>();
        List<Long> runIds = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            long id = api.number(api.post("/api/2.1/jobs/create", "{\"name\": \"listed-" + i + "\", \"tasks\": ["
                    + tasks + "]}"), "job_id");
            ids.add(id);
            runIds.add(api.number(api.post("/api/2.1/jobs/run-now", "{\"job_id\": " + id + "}"), "run_id"));
        }
        for (long runId : runIds) {
            api.awaitRun(runId);
        }
        System.out.println("[lists] " + jobs + " jobs of 10 tasks and " + runIds.size() + " runs stored");
        Random random = new Random(42);
        long[] jobLists = new long[requests];
        long[] runLists = new long[requests];
        for (int i = -requests / 10; i < requests; i++) { // the first tenth warms up
            int offset = random.nextInt(Math.max(1, jobs - 25));
            long job = ids.get(random.nextInt(ids.size()));
            long jobList = timed(() -> api.get("/api/2.2/jobs/list?limit=25&expand_tasks=true&offset=" + offset));
            long runList = timed(() -> api.get(random.nextBoolean() ? "/api/2.2/jobs/runs/list?limit=25&offset="
                    + offset + "&expand_tasks=true" : "/api/2.2/jobs/runs/list?limit=25&job_id=" + job));
            if (i >= 0) {
                jobLists[i] = jobList;
                runLists[i] = runList;
            }
        }
        Arrays.sort(jobLists);
        Arrays.sort(runLists);
        System.out.printf(Locale.ROOT, "[lists] jobs/list p50 %.1f ms p99 %.1f ms; runs/list p50 %.1f ms p99 %.1f ms"
                + " (%d each)%n", percentile(jobLists, 50) / 1e6, percentile(jobLists, 99) / 1e6,
                percentile(runLists, 50) / 1e6, percentile(runLists, 99) / 1e6, requests);
        results.put("jobs_list_p99_ms", String.format(Locale.ROOT, "%.1f", percentile(jobLists, 99) / 1e6));
        results.put("runs_list_p99_ms", String.format(Locale.ROOT, "%.1f", percentile(runLists, 99) / 1e6));
        results.put("lists_target_met",
                Boolean.toString(percentile(jobLists, 99) <= 50e6 && percentile(runLists, 99) <= 50e6));
    }

    interface Work {
        void run() throws Exception;
    }

    static long timed(Work work) {
        long start = System.nanoTime();
        try {
            work.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return System.nanoTime() - start;
    }

    static long percentile(long[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
    }

    static int[] freePorts() throws IOException {
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            return new int[] { a.getLocalPort(), b.getLocalPort() };
        }
    }

    /** The platform's REST API with the admin token. */
    static final class Api {
        private final String base;
        private final String token;

        Api(String base, Path data) throws Exception {
            this.base = base;
            this.token = awaitToken(data.resolve("admin-token"));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (true) {
                try {
                    get("/api/2.0/preview/scim/v2/Me");
                    return; // started: an authenticated call answers
                } catch (IOException | IllegalStateException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the platform did not answer within 2 minutes", e);
                    }
                    Thread.sleep(100);
                }
            }
        }

        void awaitHealthy() throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (true) {
                try {
                    get("/api/2.0/health");
                    return;
                } catch (IOException | IllegalStateException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the platform was not healthy within 2 minutes", e);
                    }
                    Thread.sleep(100);
                }
            }
        }

        private static String awaitToken(Path file) throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!Files.isRegularFile(file) || Files.size(file) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no admin token in " + file);
                }
                Thread.sleep(100);
            }
            return Files.readString(file).strip();
        }

        Map<String, Object> get(String path) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        Map<String, Object> post(String path, String body) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            var response = HTTP.send(request.header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(60)).build(), BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            return response.body().isEmpty() ? Map.of() : (Map<String, Object>) new Json(response.body()).value();
        }

        long number(Map<?, ?> answer, String field) {
            return ((Number) answer.get(field)).longValue();
        }

        String text(Map<?, ?> answer, String field) {
            return (String) answer.get(field);
        }

        /** Creates a cluster and waits until it is RUNNING; its id. */
        String cluster(String spec) throws Exception {
            String id = text(post("/api/2.0/clusters/create", spec), "cluster_id");
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!"RUNNING".equals(get("/api/2.0/clusters/get?cluster_id=" + id).get("state"))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cluster " + id + " did not start");
                }
                Thread.sleep(POLL_MS);
            }
            return id;
        }

        /** The job cluster the first task of a run ran on. */
        String jobCluster(long runId) throws Exception {
            Map<?, ?> task = (Map<?, ?>) ((List<?>) get("/api/2.1/jobs/runs/get?run_id=" + runId).get("tasks")).get(0);
            return (String) ((Map<?, ?>) task.get("cluster_instance")).get("cluster_id");
        }

        void awaitTerminated(String clusterId) throws Exception {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!"TERMINATED".equals(get("/api/2.0/clusters/get?cluster_id=" + clusterId).get("state"))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cluster " + clusterId + " did not terminate");
                }
                Thread.sleep(200);
            }
        }

        /** Waits until the pool has an idle pre-started driver. */
        void awaitIdle(String pool) throws Exception {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!(get("/api/2.0/instance-pools/get?instance_pool_id=" + pool).get("stats") instanceof Map<?, ?> stats
                    && stats.get("idle_count") instanceof Number idle && idle.longValue() >= 1)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("pool " + pool + " has no idle driver");
                }
                Thread.sleep(200);
            }
        }

        /** SELECT 1 through the Command Execution API 1.2, in a context of its own, as a client runs a command. */
        void selectOne(String cluster) throws Exception {
            String context = text(post("/api/1.2/contexts/create", "{\"clusterId\": \"" + cluster
                    + "\", \"language\": \"sql\"}"), "id");
            String command = text(post("/api/1.2/commands/execute", "{\"clusterId\": \"" + cluster
                    + "\", \"contextId\": \"" + context + "\", \"language\": \"sql\", \"command\": \"SELECT 1\"}"),
                    "id");
            String status;
            do {
                Thread.sleep(POLL_MS);
                status = text(get("/api/1.2/commands/status?clusterId=" + cluster + "&contextId=" + context
                        + "&commandId=" + command), "status");
            } while (status.equals("Queued") || status.equals("Running"));
            if (!status.equals("Finished")) {
                throw new IllegalStateException("SELECT 1 ended " + status);
            }
            post("/api/1.2/contexts/destroy", "{\"clusterId\": \"" + cluster + "\", \"contextId\": \"" + context
                    + "\"}");
        }

        /** Polls runs/get as the SDK's waiter does until the run has ended; fails unless it succeeded. */
        void awaitRun(long runId) throws Exception {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (true) {
                Map<?, ?> state = (Map<?, ?>) get("/api/2.1/jobs/runs/get?run_id=" + runId).get("state");
                String lifeCycle = (String) state.get("life_cycle_state");
                if (lifeCycle.equals("TERMINATED") || lifeCycle.equals("SKIPPED")
                        || lifeCycle.equals("INTERNAL_ERROR")) {
                    if (!"SUCCESS".equals(state.get("result_state"))) {
                        throw new IllegalStateException("run " + runId + " ended " + state);
                    }
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("run " + runId + " did not end");
                }
                Thread.sleep(POLL_MS);
            }
        }
    }

    /** A small JSON reader: objects as maps, arrays as lists, numbers as Long or Double. */
    static final class Json {
        private final String text;
        private int at;

        Json(String text) {
            this.text = text;
        }

        Object value() {
            skip();
            char c = text.charAt(at);
            if (c == '{') {
                Map<String, Object> object = new LinkedHashMap<>();
                at++;
                skip();
                if (text.charAt(at) == '}') {
                    at++;
                    return object;
                }
                while (true) {
                    skip();
                    String key = string();
                    skip();
                    at++; // :
                    object.put(key, value());
                    skip();
                    if (text.charAt(at++) == '}') {
                        return object;
                    }
                }
            }
            if (c == '[') {
                List<Object> array = new ArrayList<>();
                at++;
                skip();
                if (text.charAt(at) == ']') {
                    at++;
                    return array;
                }
                while (true) {
                    array.add(value());
                    skip();
                    if (text.charAt(at++) == ']') {
                        return array;
                    }
                }
            }
            if (c == '"') {
                return string();
            }
            if (text.startsWith("true", at) || text.startsWith("false", at) || text.startsWith("null", at)) {
                String word = text.startsWith("true", at) ? "true" : text.startsWith("false", at) ? "false" : "null";
                at += word.length();
                return word.equals("null") ? null : Boolean.valueOf(word);
            }
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            String number = text.substring(start, at);
            return number.matches("-?\\d+") ? (Object) Long.valueOf(number) : (Object) Double.valueOf(number);
        }

        private String string() {
            StringBuilder value = new StringBuilder();
            at++; // opening quote
            while (true) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    char escaped = text.charAt(at++);
                    switch (escaped) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'u' -> {
                        value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> value.append(escaped);
                    }
                } else {
                    value.append(c);
                }
            }
        }

        private void skip() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
