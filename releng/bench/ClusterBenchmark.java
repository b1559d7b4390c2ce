import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Benchmarks clusters on a built Brickworks distribution, per runtime line: cluster create until RUNNING with the
 * local launcher and a warm runtime cache, next to a bare JVM that only builds the same SparkSession with the same
 * JVM flags, classpath and conf ({@code BareSparkDriver.java}, next to this file); create from an instance pool's
 * pre-started driver; {@code SELECT 1} through the Command Execution API 1.2 against the same query timed inside the
 * bare driver JVM; and the driver's idle RSS.
 *
 * <pre>java releng/bench/ClusterBenchmark.java [--dist product/target/brickworks] [--runtime 15.4] ...</pre>
 *
 * Only JDK classes are used so that the JDK 17 source launcher can run it directly. The JDK 17 launcher runs one
 * source file, so the few process and workspace helpers of {@code PlatformBenchmark.java} are repeated here, in
 * the same shape. See README.md next to this file.
 */
public final class ClusterBenchmark {

    static final String HEALTH = "/api/2.0/health";
    static final Map<String, String> RUNTIMES = Map.of("15.4", "15.4.x-scala2.12", "17.3", "17.3.x-scala2.13");
    static final Duration PLATFORM_TIMEOUT = Duration.ofSeconds(120);
    static final Duration CLUSTER_TIMEOUT = Duration.ofMinutes(4);
    static final Duration STOP_GRACE = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(70);
    static final long POLL_INTERVAL_MS = 20;
    /**
     * While a driver starts: the RUNNING event's timestamp gives the figure, and polling every 20 ms would take CPU
     * from the starting driver on a 2-core machine.
     */
    static final long START_POLL_INTERVAL_MS = 250;
    static final double START_RATIO_TARGET = 1.15;
    static final double POOL_START_TARGET_MS = 500;
    static final double OVERHEAD_P50_TARGET_MS = 10;
    /** SELECT 1 calls per path before switching to the other path. */
    static final int QUERY_BLOCK = 10;
    static final String AGENT_MAIN = "org.brickworks.agent.DriverAgent";
    static final String BARE_MAIN = "org.brickworks.agent.BareSparkDriver";
    /** First argument of every driver: it names the cluster's folder (see LocalClusterLauncher). */
    static final String FOLDER_MARKER = "-Dbrickworks.cluster.dir=";

    private ClusterBenchmark() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        try {
            run(options);
        } catch (BenchmarkException e) {
            System.err.println("benchmark failed: " + e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("benchmark failed: " + e);
            System.exit(1);
        } catch (InterruptedException e) {
            System.err.println("benchmark interrupted");
            System.exit(130);
        }
    }

    static void run(Options options) throws IOException, InterruptedException {
        Path script = options.dist().resolve("bin/brickworks");
        if (!Files.isExecutable(script)) {
            throw new BenchmarkException(script + " not found or not executable;"
                    + " build the distribution first: ./mvnw -B -DskipTests package");
        }
        options.printHeader();
        try (Workspace workspace = Workspace.create()) {
            Path data = options.data() != null ? options.data() : workspace.directory("data");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> cleanUp(workspace, data), "benchmark-cleanup"));
            List<Results> results = new ArrayList<>();
            try (Child platform = Child.startPlatform(options.dist(), data, workspace.log("platform"))) {
                long nanos = platform.awaitHealthy();
                System.out.printf(Locale.ROOT, "[platform] healthy after %.1f ms, data %s%n", millis(nanos), data);
                Api api = new Api(platform.uri(""), readAdminToken(data));
                for (String runtime : options.runtimes()) {
                    results.add(new RuntimeBenchmark(options, workspace, api, runtime, data).run());
                }
            } finally {
                stopDrivers(data);
            }
            System.out.println();
            System.out.println(Results.RULE);
            System.out.println("Brickworks clusters benchmark - figures");
            System.out.println(Results.RULE);
            results.forEach(Results::print);
            System.out.println(Results.RULE);
            results.forEach(Results::printResultLines);
            System.out.println("RESULT load_average_end=" + loadAverage().replace(' ', ','));
            System.out.println("RESULT targets_met=" + results.stream().allMatch(Results::targetsMet));
        }
    }

    /** Shutdown hook: also runs on SIGTERM/Ctrl-C; a no-op after a normal run. */
    static void cleanUp(Workspace workspace, Path data) {
        Child.stopAll();
        stopDrivers(data);
        workspace.close();
    }

    /**
     * Stops every driver left running from this run's data directory (the platform stops its own drivers; this is
     * for a platform that was killed). Drivers are recognized by their first argument, which names their folder.
     */
    static void stopDrivers(Path data) {
        String marker = FOLDER_MARKER + data.toAbsolutePath().resolve("clusters");
        List<ProcessHandle> left = ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> a.length > 0 && a[0].startsWith(marker)).orElse(false))
                .toList();
        left.forEach(ProcessHandle::destroy);
        left.forEach(p -> {
            if (!Child.awaitExit(p, STOP_GRACE.toNanos())) {
                p.destroyForcibly();
            }
        });
        if (!left.isEmpty()) {
            System.out.println("[cleanup] stopped " + left.size() + " driver(s) left running");
        }
    }

    static String readAdminToken(Path dataDir) throws IOException, InterruptedException {
        Path file = dataDir.resolve("admin-token");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.isRegularFile(file) || Files.size(file) == 0) {
            if (System.nanoTime() > deadline) {
                throw new BenchmarkException("admin token not written to " + file);
            }
            Thread.sleep(POLL_INTERVAL_MS);
        }
        return Files.readString(file).strip();
    }

    /** The 1, 5 and 15 minute load averages from /proc/loadavg, or "n/a". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** Nearest-rank percentile of an ascending array. */
    static long percentile(long[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    static String abbreviate(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "...";
    }

    static final class BenchmarkException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BenchmarkException(String message) {
            super(message);
        }
    }

    record Options(Path dist, Path data, List<String> runtimes, int runs, int queries, int queryWarmup,
            int idleSeconds, String nodeType) {

        static final String USAGE = """
                usage: java releng/bench/ClusterBenchmark.java [options]
                  --dist DIR           distribution directory (default product/target/brickworks)
                  --data DIR           data directory to use (default: a fresh one, deleted afterwards)
                  --runtime R          15.4, 17.3 (or their full keys) or all (default all)
                  --runs N             measured starts per kind (default 5)
                  --queries N          measured SELECT 1 per path (default 200)
                  --query-warmup N     unmeasured SELECT 1 per path before measuring (default 50)
                  --idle-seconds N     idle time after RUNNING before reading the driver's RSS (default 10)
                  --node-type ID       node type of the clusters (default local-small)""";
        static final Set<String> NAMES = Set.of("--dist", "--data", "--runtime", "--runs", "--queries",
                "--query-warmup", "--idle-seconds", "--node-type");

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                if (args[i].equals("--help") || args[i].equals("-h")) {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                if (!NAMES.contains(args[i])) {
                    throw new IllegalArgumentException("unknown option " + args[i]);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + args[i]);
                }
                values.put(args[i], args[i + 1]);
            }
            String data = values.get("--data");
            return new Options(Path.of(values.getOrDefault("--dist", "product/target/brickworks")),
                    data == null ? null : Path.of(data).toAbsolutePath(),
                    runtimes(values.getOrDefault("--runtime", "all")),
                    number(values, "--runs", 5, 1),
                    number(values, "--queries", 200, 1),
                    number(values, "--query-warmup", 50, 0),
                    number(values, "--idle-seconds", 10, 0),
                    values.getOrDefault("--node-type", "local-small"));
        }

        private static List<String> runtimes(String value) {
            if (value.equals("all")) {
                return List.of(RUNTIMES.get("15.4"), RUNTIMES.get("17.3"));
            }
            if (RUNTIMES.containsKey(value)) {
                return List.of(RUNTIMES.get(value));
            }
            if (RUNTIMES.containsValue(value)) {
                return List.of(value);
            }
            throw new IllegalArgumentException("--runtime expects 15.4, 17.3, " + String.join(", ",
                    RUNTIMES.values().stream().sorted().toList()) + " or all, got " + value);
        }

        private static int number(Map<String, String> values, String name, int defaultValue, int minimum) {
            String value = values.get(name);
            if (value == null) {
                return defaultValue;
            }
            try {
                int n = Integer.parseInt(value);
                if (n < minimum) {
                    throw new IllegalArgumentException(name + " must be at least " + minimum);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " expects a number, got " + value);
            }
        }

        void printHeader() {
            System.out.println("Brickworks clusters benchmark");
            System.out.println("  distribution: " + dist.toAbsolutePath().normalize());
            System.out.printf("  runtimes=%s runs=%d queries=%d query-warmup=%d idle-seconds=%d node-type=%s%n",
                    String.join(",", runtimes), runs, queries, queryWarmup, idleSeconds, nodeType);
            System.out.println("  client: Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                    + " CPUs, load average " + loadAverage());
        }
    }

    /** Everything measured for one runtime line, on one running platform. */
    static final class RuntimeBenchmark {
        private final Options options;
        private final Workspace workspace;
        private final Api api;
        private final String runtime;
        private final String label;

        private final Path data;

        RuntimeBenchmark(Options options, Workspace workspace, Api api, String runtime, Path data) {
            this.data = data;
            this.options = options;
            this.workspace = workspace;
            this.api = api;
            this.runtime = runtime;
            this.label = "[" + runtime + "]";
        }

        Results run() throws IOException, InterruptedException {
            String loadBefore = loadAverage();
            System.out.println(label + " first create: resolves the runtime closure, not counted");
            Cluster first = Cluster.create(api, createBody("bench-first", null));
            long firstNanos = first.awaitRunning();
            System.out.printf(Locale.ROOT, "  first create %8.1f ms (pid %d)%n", millis(firstNanos), first.pid());
            DriverCommand driver = DriverCommand.of(first.pid());
            first.terminate();
            System.out.printf("  driver command line: %d JVM flags, %d classpath entries, %d --conf%n",
                    driver.flags().size(), driver.classpath().size(), driver.conf().size() / 2);
            Path bareClasses = BareDriver.compile(workspace, runtime, driver);

            List<Long> bareStarts = new ArrayList<>();
            List<Long> clusterStarts = new ArrayList<>();
            OptionalLong bareRss = OptionalLong.empty();
            OptionalLong driverRss = OptionalLong.empty();
            String sparkVersion = "?";
            System.out.println(label + " " + options.runs() + " run(s): bare JVM launch until READY, then cluster"
                    + " create until RUNNING");
            for (int i = 1; i <= options.runs(); i++) {
                try (BareDriver bare = BareDriver.start(driver, bareClasses, workspace.log(tag() + "-bare-" + i),
                        workspace.directory(tag() + "-bare-" + i))) {
                    bareStarts.add(bare.awaitReady());
                    sparkVersion = bare.sparkVersion();
                }
                Cluster cluster = Cluster.create(api, createBody("bench-" + i, null));
                clusterStarts.add(cluster.awaitRunning());
                System.out.printf(Locale.ROOT, "  run %d: bare JVM %8.1f ms, cluster %8.1f ms%n", i,
                        millis(bareStarts.get(i - 1)), millis(clusterStarts.get(i - 1)));
                cluster.terminate();
            }
            System.out.println(label + " steady state: one bare JVM and one cluster up together (starts not counted)");
            long[] inJvm = new long[options.queries()];
            long[] viaApi = new long[options.queries()];
            long[] viaAgent = new long[options.queries()];
            long[] inJvmTake = new long[options.queries()];
            try (BareDriver bare = BareDriver.start(driver, bareClasses, workspace.log(tag() + "-bare-steady"),
                    workspace.directory(tag() + "-bare-steady"))) {
                bare.awaitReady();
                Cluster cluster = Cluster.create(api, createBody("bench-steady", null));
                try {
                    cluster.awaitRunning();
                    long driverPid = cluster.pid();
                    System.out.printf("[rss] waiting %d s idle: driver pid %d, bare JVM pid %d%n",
                            options.idleSeconds(), driverPid, bare.pid());
                    Thread.sleep(TimeUnit.SECONDS.toMillis(options.idleSeconds()));
                    driverRss = Memory.rssKb(driverPid);
                    bareRss = Memory.rssKb(bare.pid());
                    System.out.println("  idle RSS: driver " + Memory.format(driverRss) + ", bare JVM "
                            + Memory.format(bareRss));
                    selectOne(bare, cluster, inJvm, inJvmTake, viaApi, viaAgent);
                } finally {
                    cluster.terminate();
                }
            }
            PoolResult pool = poolStarts();
            return new Results(runtime, sparkVersion, options, millis(firstNanos), new Samples(clusterStarts),
                    new Samples(bareStarts), pool, LatencyStats.of(viaApi), LatencyStats.of(viaAgent), LatencyStats.of(inJvm),
                    LatencyStats.of(inJvmTake), driverRss,
                    bareRss, loadBefore, loadAverage());
        }

        /**
         * Warms the paths up, then measures them in alternating blocks, so that a change in the machine's load falls
         * on all alike. The driver agent's own HTTP API (what the platform calls) splits the API's overhead into the
         * platform's share and the agent's.
         */
        private void selectOne(BareDriver bare, Cluster cluster, long[] inJvm, long[] inJvmTake, long[] viaApi,
                long[] viaAgent) throws IOException, InterruptedException {
            System.out.printf("[select1] %d warm-up calls per path, then %d measured per path in blocks of %d%n",
                    options.queryWarmup(), options.queries(), QUERY_BLOCK);
            Json driver = api.get("/api/2.0/clusters/get", Map.of("cluster_id", cluster.id())).path("driver");
            Path secret = data.resolve("clusters").resolve(cluster.id()).resolve("secret");
            Api agentApi = new Api(URI.create("http://" + driver.path("host_private_ip").asText() + ":"
                    + driver.path("port").asText()), Files.readAllLines(secret).get(0).strip());
            try (CommandClient client = CommandClient.open(api, cluster.id());
                    AgentClient agent = AgentClient.open(agentApi)) {
                bare.selectOne(options.queryWarmup(), 0, false);
                bare.selectOne(options.queryWarmup(), 0, true);
                client.selectOne(options.queryWarmup());
                agent.selectOne(options.queryWarmup());
                for (int done = 0; done < options.queries(); done += QUERY_BLOCK) {
                    int count = Math.min(QUERY_BLOCK, options.queries() - done);
                    System.arraycopy(bare.selectOne(0, count, false), 0, inJvm, done, count);
                    System.arraycopy(bare.selectOne(0, count, true), 0, inJvmTake, done, count);
                    System.arraycopy(client.selectOne(count), 0, viaApi, done, count);
                    System.arraycopy(agent.selectOne(count), 0, viaAgent, done, count);
                }
            }
            System.out.println("  in the driver JVM: " + LatencyStats.of(inJvm).summary());
            System.out.println("    takeAsList:      " + LatencyStats.of(inJvmTake).summary());
            System.out.println("  command API 1.2:   " + LatencyStats.of(viaApi).summary());
            System.out.println("  driver agent API:  " + LatencyStats.of(viaAgent).summary());
        }

        private String tag() {
            return runtime.substring(0, runtime.indexOf('.', 3));
        }

        private String createBody(String name, String poolId) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("cluster_name", name);
            body.put("spark_version", runtime);
            if (poolId == null) {
                body.put("node_type_id", options.nodeType());
            } else {
                body.put("instance_pool_id", poolId);
            }
            body.put("num_workers", 0);
            return Json.write(body);
        }

        /** Creates from a pool's pre-started driver; skipped when the platform has no pools API. */
        private PoolResult poolStarts() throws IOException, InterruptedException {
            System.out.println(label + " instance pool: " + options.runs() + " create(s) from an idle driver");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("instance_pool_name", "bench-" + tag());
            body.put("node_type_id", options.nodeType());
            body.put("min_idle_instances", 1);
            body.put("preloaded_spark_versions", List.of(runtime));
            Api.Response created = api.call("POST", "/api/2.0/instance-pools/create", Map.of(), Json.write(body));
            if (created.status() == 404 && "ENDPOINT_NOT_FOUND".equals(created.json().path("error_code").asText())) {
                System.out.println("  pools API not available (instance-pools/create: 404 ENDPOINT_NOT_FOUND)");
                return PoolResult.unavailable("pools API not available");
            }
            if (created.status() != 200) {
                System.out.println("  pools skipped: instance-pools/create answered HTTP " + created.status()
                        + ": " + abbreviate(created.body()));
                return PoolResult.unavailable("instance-pools/create: HTTP " + created.status());
            }
            String poolId = created.json().path("instance_pool_id").asText();
            try {
                List<Long> starts = new ArrayList<>();
                for (int i = 1; i <= options.runs(); i++) {
                    long waited = awaitIdle(poolId);
                    Cluster cluster = Cluster.create(api, createBody("bench-pool-" + i, poolId));
                    starts.add(cluster.awaitRunning());
                    System.out.printf(Locale.ROOT, "  run %d: pool create %8.1f ms (idle driver after %.1f s)%n",
                            i, millis(starts.get(i - 1)), waited / 1e9);
                    cluster.terminate();
                }
                return new PoolResult(new Samples(starts), null);
            } finally {
                api.post("/api/2.0/instance-pools/delete", Json.write(Map.of("instance_pool_id", poolId)));
            }
        }

        /** Waits for an idle pre-started driver; returns how long that took. */
        private long awaitIdle(String poolId) throws IOException, InterruptedException {
            long start = System.nanoTime();
            long deadline = start + CLUSTER_TIMEOUT.toNanos();
            while (api.get("/api/2.0/instance-pools/get", Map.of("instance_pool_id", poolId))
                    .path("stats").path("idle_count").asLong() < 1) {
                if (System.nanoTime() > deadline) {
                    throw new BenchmarkException("pool " + poolId + " had no idle driver within "
                            + CLUSTER_TIMEOUT.toSeconds() + " s");
                }
                Thread.sleep(POLL_INTERVAL_MS);
            }
            return System.nanoTime() - start;
        }
    }

    /** One cluster created through the REST API. */
    record Cluster(Api api, String id, long createdWallMillis, long createdNanos) {

        /** Sends clusters/create; the time starts just before the request. */
        static Cluster create(Api api, String body) throws IOException, InterruptedException {
            long wall = System.currentTimeMillis();
            long nanos = System.nanoTime();
            String id = api.post("/api/2.0/clusters/create", body).path("cluster_id").asText();
            return new Cluster(api, id, wall, nanos);
        }

        /**
         * Polls clusters/get every 250 ms until RUNNING; returns the time from just before the create call to the
         * RUNNING event's timestamp (the platform's clock, this host's), or to the poll that saw RUNNING when there is
         * no such event.
         */
        long awaitRunning() throws IOException, InterruptedException {
            long deadline = createdNanos + CLUSTER_TIMEOUT.toNanos();
            while (true) {
                Json cluster = api.get("/api/2.0/clusters/get", Map.of("cluster_id", id));
                String state = cluster.path("state").asText();
                if (state.equals("RUNNING")) {
                    long polled = System.nanoTime() - createdNanos;
                    return runningEventMillis().map(ms -> TimeUnit.MILLISECONDS.toNanos(ms - createdWallMillis))
                            .filter(n -> n >= 0 && n <= polled).orElse(polled);
                }
                if (state.equals("TERMINATED") || state.equals("ERROR") || System.nanoTime() > deadline) {
                    String log = api.get("/api/2.0/clusters/driver-logs", Map.of("cluster_id", id)).path("log")
                            .asText();
                    List<String> lines = log.lines().toList();
                    throw new BenchmarkException("cluster " + id + " is " + state + " ("
                            + cluster.path("state_message").asText() + ") after "
                            + Math.round(millis(System.nanoTime() - createdNanos)) + " ms\n--- end of driver log ---\n"
                            + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
                }
                Thread.sleep(START_POLL_INTERVAL_MS);
            }
        }

        private Optional<Long> runningEventMillis() throws IOException, InterruptedException {
            return api.post("/api/2.0/clusters/events", Json.write(Map.of("cluster_id", id))).path("events")
                    .elements().stream().filter(e -> e.path("type").asText().equals("RUNNING"))
                    .map(e -> e.path("timestamp").asLong()).min(Comparator.naturalOrder());
        }

        long pid() throws IOException, InterruptedException {
            long pid = api.get("/api/2.0/clusters/get", Map.of("cluster_id", id)).path("driver").path("pid").asLong();
            if (pid <= 0) {
                throw new BenchmarkException("cluster " + id + " has no driver pid in clusters/get");
            }
            return pid;
        }

        /** clusters/delete, then waits for TERMINATED (so the driver is gone before the next measurement). */
        void terminate() throws IOException, InterruptedException {
            api.post("/api/2.0/clusters/delete", Json.write(Map.of("cluster_id", id)));
            long deadline = System.nanoTime() + CLUSTER_TIMEOUT.toNanos();
            while (!api.get("/api/2.0/clusters/get", Map.of("cluster_id", id)).path("state").asText()
                    .equals("TERMINATED")) {
                if (System.nanoTime() > deadline) {
                    throw new BenchmarkException("cluster " + id + " not TERMINATED within "
                            + CLUSTER_TIMEOUT.toSeconds() + " s of clusters/delete");
                }
                Thread.sleep(POLL_INTERVAL_MS);
            }
        }
    }

    /** SELECT 1 through the Command Execution API 1.2, one command at a time in one SQL context. */
    record CommandClient(Api api, String clusterId, String contextId) implements AutoCloseable {

        static CommandClient open(Api api, String clusterId) throws IOException, InterruptedException {
            return new CommandClient(api, clusterId, api.post("/api/1.2/contexts/create",
                    Json.write(Map.of("clusterId", clusterId, "language", "sql"))).path("id").asText());
        }

        /** Runs SELECT 1 that many times; returns each call's time. */
        long[] selectOne(int calls) throws IOException, InterruptedException {
            return timed(calls, this::execute);
        }

        /** commands/execute, then commands/status until the command is no longer Queued or Running. */
        private void execute() throws IOException, InterruptedException {
            String commandId = api.post("/api/1.2/commands/execute", Json.write(Map.of("clusterId", clusterId,
                    "contextId", contextId, "language", "sql", "command", "SELECT 1"))).path("id").asText();
            Map<String, String> query = Map.of("clusterId", clusterId, "contextId", contextId, "commandId", commandId);
            while (true) {
                Json status = api.get("/api/1.2/commands/status", query);
                switch (status.path("status").asText()) {
                    case "Queued", "Running" -> {
                        // the platform already waits briefly on the driver: ask again at once
                    }
                    case "Finished" -> {
                        if (!status.path("results").path("data").path(0).path(0).asText().equals("1")) {
                            throw new BenchmarkException("SELECT 1 returned " + status.path("results"));
                        }
                        return;
                    }
                    default -> throw new BenchmarkException("SELECT 1 ended " + status.path("status").asText()
                            + ": " + status.path("results").path("summary").asText());
                }
            }
        }

        @Override
        public void close() throws IOException {
            try {
                api.post("/api/1.2/contexts/destroy", Json.write(Map.of("clusterId", clusterId,
                        "contextId", contextId)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One SELECT 1 round trip, as a client makes it. */
    interface SelectOne {
        void run() throws IOException, InterruptedException;
    }

    /** Runs {@code selectOne} that many times; returns each call's time. */
    static long[] timed(int calls, SelectOne selectOne) throws IOException, InterruptedException {
        long[] latencies = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            selectOne.run();
            latencies[i] = System.nanoTime() - start;
        }
        return latencies;
    }

    /**
     * SELECT 1 straight through the driver agent's HTTP API (what the platform calls; see runtimes/README.md), with
     * the cluster's secret: {@code POST /commands}, then {@code GET /commands/<id>?wait_ms=500} (the platform's own
     * wait) until finished.
     */
    record AgentClient(Api agent, String contextId) implements AutoCloseable {

        static AgentClient open(Api agent) throws IOException, InterruptedException {
            return new AgentClient(agent, agent.post("/contexts", Json.write(Map.of("language", "sql"))).path("id")
                    .asText());
        }

        long[] selectOne(int calls) throws IOException, InterruptedException {
            return timed(calls, this::execute);
        }

        private void execute() throws IOException, InterruptedException {
            String id = agent.post("/commands", Json.write(Map.of("context_id", contextId, "language", "sql",
                    "command", "SELECT 1"))).path("id").asText();
            while (true) {
                Json status = agent.get("/commands/" + id, Map.of("wait_ms", "500"));
                switch (status.path("status").asText()) {
                    case "Queued", "Running" -> {
                        // ask again at once: the agent waited
                    }
                    case "Finished" -> {
                        return;
                    }
                    default -> throw new BenchmarkException("SELECT 1 on the agent ended "
                            + status.path("status").asText() + ": " + status.path("results").path("summary").asText());
                }
            }
        }

        @Override
        public void close() throws IOException {
            try {
                agent.call("DELETE", "/contexts/" + contextId, Map.of(), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A real driver's command line, read from /proc/&lt;pid&gt;/cmdline. */
    record DriverCommand(String java, List<String> flags, List<String> classpath, List<String> conf,
            Map<String, String> environment) {

        static DriverCommand of(long pid) throws IOException {
            Path cmdline = Path.of("/proc", String.valueOf(pid), "cmdline");
            if (!Files.isReadable(cmdline)) {
                throw new BenchmarkException("cannot read " + cmdline + ": the bare baseline needs Linux /proc");
            }
            List<String> args = Arrays.asList(new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8)
                    .split("\0"));
            int cp = args.indexOf("-cp");
            int main = args.indexOf(AGENT_MAIN);
            if (cp < 1 || main != cp + 2) {
                throw new BenchmarkException("unexpected driver command line: " + abbreviate(String.join(" ", args)));
            }
            List<String> flags = args.subList(1, cp).stream().filter(f -> !f.startsWith(FOLDER_MARKER)).toList();
            List<String> conf = new ArrayList<>();
            for (int i = main + 1; i < args.size() - 1; i++) {
                if (args.get(i).equals("--conf")) {
                    conf.addAll(List.of("--conf", args.get(++i)));
                }
            }
            return new DriverCommand(args.get(0), flags, List.of(args.get(cp + 1).split(File.pathSeparator)), conf,
                    Map.of("SPARK_LOCAL_IP", "127.0.0.1"));
        }
    }

    /** The bare baseline JVM ({@code BareSparkDriver.java}) with a driver's flags, classpath and conf. */
    static final class BareDriver implements AutoCloseable {
        private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(5);
        private final Child child;
        private final PrintWriter in;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private String ready = "";

        private BareDriver(Child child) {
            this.child = child;
            this.in = new PrintWriter(child.process().getOutputStream(), true, StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.process().getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "bare-driver-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        /** Compiles BareSparkDriver.java against the driver's classpath, before anything is measured. */
        static Path compile(Workspace workspace, String runtime, DriverCommand driver) throws IOException {
            Path source = Path.of("releng/bench/BareSparkDriver.java");
            CodeSource self = ClusterBenchmark.class.getProtectionDomain().getCodeSource();
            try {
                if (self != null && self.getLocation().getPath().endsWith(".java")) {
                    source = Path.of(self.getLocation().toURI()).resolveSibling("BareSparkDriver.java");
                }
            } catch (URISyntaxException e) {
                // keep the path from the repository root
            }
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            if (compiler == null) {
                throw new BenchmarkException("no Java compiler available to compile " + source + "; run with a JDK");
            }
            Path classes = workspace.directory("bare-classes-" + runtime);
            if (compiler.run(null, null, null, "--release", "17", "-nowarn", "-cp",
                    String.join(File.pathSeparator, driver.classpath()), "-d", classes.toString(),
                    source.toString()) != 0) {
                throw new BenchmarkException("could not compile " + source + " against the driver classpath");
            }
            System.out.println("[bare] compiled " + source + " against the driver classpath");
            return classes;
        }

        /** {@code <driver java> <driver flags> -cp <driver classpath>:<classes> BareSparkDriver <driver --conf>}. */
        static BareDriver start(DriverCommand driver, Path classes, Path log, Path directory) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(driver.java());
            command.addAll(driver.flags());
            command.add("-cp");
            command.add(String.join(File.pathSeparator, driver.classpath()) + File.pathSeparator + classes);
            command.add(BARE_MAIN);
            command.addAll(driver.conf());
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectError(log.toFile());
            builder.environment().putAll(driver.environment());
            return new BareDriver(Child.launch("bare JVM", builder, -1, log));
        }

        long pid() {
            return child.process().pid();
        }

        /** Waits for the READY line; returns the time from launch to reading it. */
        long awaitReady() throws InterruptedException, IOException {
            ready = answer("READY");
            return System.nanoTime() - child.startNanos();
        }

        /** The Spark version from the READY line. */
        String sparkVersion() {
            String[] words = ready.split(" ");
            return words.length > 3 ? words[3] : "?";
        }

        /** {@code take}: {@code takeAsList(1001)} as the agent fetches results, instead of {@code collect()}. */
        long[] selectOne(int warmUp, int measured, boolean take) throws InterruptedException, IOException {
            in.println("QUERY " + warmUp + " " + measured + (take ? " take" : " collect"));
            String latencies = answer("LATENCIES").substring("LATENCIES".length()).trim();
            return latencies.isEmpty() ? new long[0]
                    : Arrays.stream(latencies.split(",")).mapToLong(Long::parseLong).toArray();
        }

        private String answer(String prefix) throws InterruptedException, IOException {
            long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
            while (true) {
                String line = lines.poll(POLL_INTERVAL_MS, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line;
                }
                if (line == null && !child.process().isAlive()) {
                    throw new BenchmarkException("the bare JVM exited with code " + child.process().exitValue()
                            + " before " + prefix + child.logTail());
                }
                if (System.nanoTime() > deadline) {
                    throw new BenchmarkException("the bare JVM did not print " + prefix + " within "
                            + ANSWER_TIMEOUT.toMinutes() + " min" + child.logTail());
                }
            }
        }

        @Override
        public void close() {
            in.println("EXIT");
            Child.awaitExit(child.process().toHandle(), STOP_GRACE.toNanos());
            child.close();
        }
    }

    /**
     * The platform's REST API with the admin token, over {@link HttpURLConnection} with kept-alive connections, as a
     * lean client (curl, Python's requests) makes its calls: the JDK's {@code HttpClient} spends about 1 ms more per
     * short request here, which is the client's cost, not the platform's.
     */
    static final class Api {
        private final URI base;
        private final String token;

        Api(URI base, String token) {
            this.base = base;
            this.token = token;
        }

        record Response(int status, String body) {
            Json json() {
                try {
                    return Json.parse(body);
                } catch (IllegalArgumentException e) {
                    return Json.parse("{}");
                }
            }
        }

        Json get(String path, Map<String, String> query) throws IOException, InterruptedException {
            return ok("GET", path, call("GET", path, query, null));
        }

        Json post(String path, String body) throws IOException, InterruptedException {
            return ok("POST", path, call("POST", path, Map.of(), body));
        }

        private static Json ok(String method, String path, Response response) {
            if (response.status() != 200) {
                throw new BenchmarkException(method + " " + path + " answered HTTP " + response.status() + ": "
                        + abbreviate(response.body()));
            }
            return response.json();
        }

        Response call(String method, String path, Map<String, String> query, String body)
                throws IOException, InterruptedException {
            String queryString = query.isEmpty() ? "" : "?" + query.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            HttpURLConnection http = (HttpURLConnection) base.resolve(path + queryString).toURL()
                    .openConnection(Proxy.NO_PROXY);
            http.setConnectTimeout(5_000);
            http.setReadTimeout((int) REQUEST_TIMEOUT.toMillis());
            http.setRequestMethod(method);
            http.setRequestProperty("Authorization", "Bearer " + token);
            if (body != null) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                http.setRequestProperty("Content-Type", "application/json");
                http.setDoOutput(true);
                try (OutputStream out = http.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = http.getResponseCode();
            try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
                return new Response(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    /** A parsed JSON value with null-safe navigation; {@link #write} renders maps, lists, strings and numbers. */
    record Json(Object value) {

        static Json parse(String text) {
            Parser parser = new Parser(text);
            Object value = parser.value();
            parser.skipSpace();
            if (parser.position != text.length()) {
                throw new IllegalArgumentException("trailing characters in JSON at " + parser.position);
            }
            return new Json(value);
        }

        Json path(String field) {
            return new Json(value instanceof Map<?, ?> map ? map.get(field) : null);
        }

        Json path(int index) {
            return new Json(value instanceof List<?> list && index < list.size() ? list.get(index) : null);
        }

        List<Json> elements() {
            return value instanceof List<?> list ? list.stream().map(Json::new).toList() : List.of();
        }

        /** The value as text ("" when missing); integral numbers without a decimal point. */
        String asText() {
            if (value == null) {
                return "";
            }
            if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
                return String.valueOf(d.longValue());
            }
            return value instanceof String s ? s : write(value);
        }

        long asLong() {
            return value instanceof Double d ? d.longValue() : 0;
        }

        @Override
        public String toString() {
            return write(value);
        }

        static String write(Object value) {
            if (value == null) {
                return "null";
            }
            if (value instanceof Map<?, ?> map) {
                return map.entrySet().stream().map(e -> write(String.valueOf(e.getKey())) + ":" + write(e.getValue()))
                        .collect(Collectors.joining(",", "{", "}"));
            }
            if (value instanceof List<?> list) {
                return list.stream().map(Json::write).collect(Collectors.joining(",", "[", "]"));
            }
            if (value instanceof String s) {
                StringBuilder out = new StringBuilder("\"");
                for (char c : s.toCharArray()) {
                    if (c == '"' || c == '\\') {
                        out.append('\\').append(c);
                    } else if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
                return out.append('"').toString();
            }
            return String.valueOf(value);
        }

        private static final class Parser {
            private final String text;
            private int position;

            Parser(String text) {
                this.text = text;
            }

            Object value() {
                skipSpace();
                if (position >= text.length()) {
                    throw error("unexpected end");
                }
                char c = text.charAt(position);
                switch (c) {
                    case '{':
                        return object();
                    case '[':
                        return array();
                    case '"':
                        return string();
                    default:
                        if (text.startsWith("true", position)) {
                            position += 4;
                            return Boolean.TRUE;
                        }
                        if (text.startsWith("false", position)) {
                            position += 5;
                            return Boolean.FALSE;
                        }
                        if (text.startsWith("null", position)) {
                            position += 4;
                            return null;
                        }
                        return number();
                }
            }

            private Map<String, Object> object() {
                Map<String, Object> map = new LinkedHashMap<>();
                position++;
                skipSpace();
                if (peek() == '}') {
                    position++;
                    return map;
                }
                while (true) {
                    skipSpace();
                    String key = string();
                    skipSpace();
                    expect(':');
                    map.put(key, value());
                    skipSpace();
                    if (peek() == ',') {
                        position++;
                    } else {
                        expect('}');
                        return map;
                    }
                }
            }

            private List<Object> array() {
                List<Object> list = new ArrayList<>();
                position++;
                skipSpace();
                if (peek() == ']') {
                    position++;
                    return list;
                }
                while (true) {
                    list.add(value());
                    skipSpace();
                    if (peek() == ',') {
                        position++;
                    } else {
                        expect(']');
                        return list;
                    }
                }
            }

            private String string() {
                expect('"');
                StringBuilder out = new StringBuilder();
                while (true) {
                    char c = text.charAt(position++);
                    if (c == '"') {
                        return out.toString();
                    }
                    if (c != '\\') {
                        out.append(c);
                        continue;
                    }
                    char escaped = text.charAt(position++);
                    switch (escaped) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
                            position += 4;
                        }
                        default -> out.append(escaped);
                    }
                }
            }

            private Double number() {
                int start = position;
                while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
                    position++;
                }
                if (start == position) {
                    throw error("unexpected character '" + text.charAt(position) + "'");
                }
                return Double.valueOf(text.substring(start, position));
            }

            private char peek() {
                if (position >= text.length()) {
                    throw error("unexpected end");
                }
                return text.charAt(position);
            }

            private void expect(char c) {
                if (peek() != c) {
                    throw error("expected '" + c + "'");
                }
                position++;
            }

            void skipSpace() {
                while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                    position++;
                }
            }

            private IllegalArgumentException error(String message) {
                return new IllegalArgumentException("bad JSON at " + position + ": " + message);
            }
        }
    }

    /** Temporary root holding the data directory (unless one is given) and every log of the run; deleted on close. */
    static final class Workspace implements AutoCloseable {
        private final Path root;
        private boolean closed;

        private Workspace(Path root) {
            this.root = root;
        }

        static Workspace create() throws IOException {
            return new Workspace(Files.createTempDirectory("brickworks-cluster-bench-"));
        }

        Path directory(String name) throws IOException {
            return Files.createDirectory(root.resolve(name));
        }

        Path log(String name) {
            return root.resolve(name + ".log");
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(Workspace::delete);
            } catch (IOException | UncheckedIOException e) {
                System.err.println("warning: could not delete " + root + ": " + e);
            }
        }

        private static void delete(Path path) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A process this benchmark started: {@code bin/brickworks} or a bare JVM; stopped with its process tree. */
    static final class Child implements AutoCloseable {
        private static final Set<Child> RUNNING = ConcurrentHashMap.newKeySet();
        private static final HttpClient PROBE_CLIENT = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();

        private final String name;
        private final Process process;
        private final long startNanos;
        private final int httpPort;
        /** The process's own output. */
        private final Path log;
        /** The platform's log file ({@code <data>/log/brickworks.log}), where it logs; null for other processes. */
        private Path platformLog;

        private Child(String name, Process process, long startNanos, int httpPort, Path log) {
            this.name = name;
            this.process = process;
            this.startNanos = startNanos;
            this.httpPort = httpPort;
            this.log = log;
        }

        static Child startPlatform(Path dist, Path dataDir, Path log) throws IOException {
            int[] ports = freePorts(2);
            ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/brickworks").toAbsolutePath().toString())
                    .directory(dist.toFile()).redirectInput(Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("BRICKWORKS_HTTP_HOST", "127.0.0.1");
            builder.environment().put("BRICKWORKS_HTTP_PORT", String.valueOf(ports[0]));
            builder.environment().put("BRICKWORKS_SSH_PORT", String.valueOf(ports[1]));
            builder.environment().put("BRICKWORKS_DATA", dataDir.toAbsolutePath().toString());
            Child platform = launch("platform", builder, ports[0], log);
            platform.platformLog = dataDir.resolve("log/brickworks.log");
            return platform;
        }

        static Child launch(String name, ProcessBuilder builder, int httpPort, Path log) throws IOException {
            long startNanos = System.nanoTime();
            Child child = new Child(name, builder.start(), startNanos, httpPort, log);
            RUNNING.add(child);
            return child;
        }

        /** Ports are held open together so that the same one is not handed out twice. */
        private static int[] freePorts(int count) throws IOException {
            List<ServerSocket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    sockets.add(new ServerSocket(0));
                }
                return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
            } finally {
                for (ServerSocket socket : sockets) {
                    socket.close();
                }
            }
        }

        Process process() {
            return process;
        }

        long startNanos() {
            return startNanos;
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + httpPort + path);
        }

        /** Polls the health endpoint; returns nanoseconds from process start to the first 200. */
        long awaitHealthy() throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(uri(HEALTH)).timeout(Duration.ofSeconds(2)).build();
            long deadline = startNanos + PLATFORM_TIMEOUT.toNanos();
            while (!answers200(request)) {
                if (!process.isAlive()) {
                    throw new BenchmarkException(name + " exited with code " + process.exitValue()
                            + " before " + HEALTH + " answered 200" + logTail());
                }
                if (System.nanoTime() > deadline) {
                    throw new BenchmarkException(name + ": " + HEALTH + " did not answer 200 within "
                            + PLATFORM_TIMEOUT.toSeconds() + " s" + logTail());
                }
                Thread.sleep(POLL_INTERVAL_MS);
            }
            return System.nanoTime() - startNanos;
        }

        private static boolean answers200(HttpRequest request) throws InterruptedException {
            try {
                return PROBE_CLIENT.send(request, BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        }

        String logTail() throws IOException {
            return tail(log) + (platformLog == null ? "" : tail(platformLog));
        }

        private static String tail(Path file) throws IOException {
            List<String> lines = Files.exists(file)
                    ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList()
                    : List.of();
            return "\n--- last lines of " + file.getFileName() + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }

        static void stopAll() {
            List.copyOf(RUNNING).forEach(Child::close);
        }

        /** SIGTERM to the process tree, SIGKILL to whatever survives the grace period. */
        @Override
        public synchronized void close() {
            if (!RUNNING.remove(this)) {
                return;
            }
            List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
            tree.forEach(ProcessHandle::destroy);
            long deadline = System.nanoTime() + STOP_GRACE.toNanos();
            for (ProcessHandle handle : tree) {
                if (!awaitExit(handle, deadline - System.nanoTime())) {
                    handle.destroyForcibly();
                    awaitExit(handle, STOP_GRACE.toNanos());
                }
            }
        }

        static boolean awaitExit(ProcessHandle handle, long timeoutNanos) {
            try {
                handle.onExit().get(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException | ExecutionException e) {
                return !handle.isAlive();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !handle.isAlive();
            }
        }
    }

    static final class Memory {
        private Memory() {
        }

        /** VmRSS from /proc/&lt;pid&gt;/status; empty where there is no /proc (not Linux). */
        static OptionalLong rssKb(long pid) throws IOException {
            Path status = Path.of("/proc", String.valueOf(pid), "status");
            if (!Files.isReadable(status)) {
                return OptionalLong.empty();
            }
            return Files.readAllLines(status).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst();
        }

        static double mb(long kb) {
            return kb / 1024.0;
        }

        static String format(OptionalLong kb) {
            return kb.isPresent() ? String.format(Locale.ROOT, "%.1f MB", mb(kb.getAsLong())) : "n/a";
        }
    }

    /** Start times in nanoseconds. */
    record Samples(List<Long> nanos) {

        double medianMs() {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            int middle = sorted.length / 2;
            return millis(sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
        }

        double minMs() {
            return millis(nanos.stream().mapToLong(Long::longValue).min().orElseThrow());
        }

        double maxMs() {
            return millis(nanos.stream().mapToLong(Long::longValue).max().orElseThrow());
        }

        String samplesMs(String separator) {
            return nanos.stream().map(n -> String.format(Locale.ROOT, "%.1f", millis(n)))
                    .collect(Collectors.joining(separator));
        }
    }

    /** Latencies of sequential calls, ascending. */
    record LatencyStats(long[] sorted) {

        static LatencyStats of(long[] latencies) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return new LatencyStats(sorted);
        }

        double ms(double percent) {
            return millis(percentile(sorted, percent));
        }

        double maxMs() {
            return millis(sorted[sorted.length - 1]);
        }

        String summary() {
            return String.format(Locale.ROOT, "%d calls, p50 %.3f ms, p99 %.3f ms", sorted.length, ms(50), ms(99));
        }
    }

    /** Pool starts, or why there are none. */
    record PoolResult(Samples starts, String skipped) {
        static PoolResult unavailable(String reason) {
            return new PoolResult(null, reason);
        }
    }

    record Results(String runtime, String sparkVersion, Options options, double firstMs, Samples cluster,
            Samples bare, PoolResult pool, LatencyStats api, LatencyStats agent, LatencyStats inJvm, LatencyStats inJvmTake, OptionalLong driverRssKb,
            OptionalLong bareRssKb, String loadBefore, String loadAfter) {

        static final String RULE = "=".repeat(100);

        double startRatio() {
            return cluster.medianMs() / bare.medianMs();
        }

        boolean startMet() {
            return startRatio() <= START_RATIO_TARGET;
        }

        boolean poolMet() {
            return pool.starts() != null && pool.starts().medianMs() < POOL_START_TARGET_MS;
        }

        double overheadMs(double percent) {
            return api.ms(percent) - inJvm.ms(percent);
        }

        boolean overheadMet() {
            return overheadMs(50) < OVERHEAD_P50_TARGET_MS;
        }

        /** Pools count only where the platform has them. */
        boolean targetsMet() {
            return startMet() && overheadMet() && (pool.starts() == null || poolMet());
        }

        void print() {
            System.out.printf("Runtime %s (Spark %s), node type %s, load average %s before, %s after%n", runtime,
                    sparkVersion, options.nodeType(), loadBefore, loadAfter);
            System.out.println("  Start (ms): cluster = clusters/create call until RUNNING; bare JVM = launch until"
                    + " its SparkSession is built");
            System.out.printf("  %-15s %5s %9s %9s %9s   %-16s %-7s %s%n", "start", "runs", "median", "min", "max",
                    "target", "verdict", "samples");
            row("cluster", cluster, "<= 1.15x bare", verdict(startMet()));
            row("bare JVM", bare, "baseline", "");
            if (pool.starts() != null) {
                row("from pool", pool.starts(), "< 500 ms", verdict(poolMet()));
            } else {
                System.out.printf("  %-15s %s%n", "from pool", pool.skipped());
            }
            System.out.printf(Locale.ROOT, "  %-15s %5d %9.1f   (resolves the runtime closure; not in the figures)%n",
                    "first create", 1, firstMs);
            System.out.printf(Locale.ROOT, "  cluster vs bare JVM: median %.3fx, %+.1f ms%n", startRatio(),
                    cluster.medianMs() - bare.medianMs());
            System.out.println();
            System.out.printf("  SELECT 1 (ms), one at a time: %d measured after %d warm-up%n", api.sorted().length,
                    options.queryWarmup());
            System.out.printf("  %-36s %9s %9s %9s %9s%n", "path", "p50", "p90", "p99", "max");
            latencyRow("command API 1.2 (execute + status)", api);
            latencyRow("driver agent API, direct", agent);
            latencyRow("in the driver JVM (sql().collect())", inJvm);
            latencyRow("  same, takeAsList(1001) as the agent", inJvmTake);
            System.out.printf(Locale.ROOT, "  overhead of the API: p50 %+.3f ms (target < 10 ms: %s), p99 %+.3f ms%n",
                    overheadMs(50), verdict(overheadMet()), overheadMs(99));
            System.out.printf(Locale.ROOT, "    of which the platform (API - agent): p50 %+.3f ms, p99 %+.3f ms;"
                    + " the agent (agent - in JVM): p50 %+.3f ms, p99 %+.3f ms%n",
                    api.ms(50) - agent.ms(50), api.ms(99) - agent.ms(99), agent.ms(50) - inJvm.ms(50),
                    agent.ms(99) - inJvm.ms(99));
            System.out.println();
            System.out.printf("  Memory: VmRSS %d s after RUNNING (driver) or after its SparkSession (bare JVM)%n",
                    options.idleSeconds());
            System.out.printf("  %-36s %s%n", "driver, idle", Memory.format(driverRssKb));
            System.out.printf("  %-36s %s   baseline%n", "bare JVM, idle", Memory.format(bareRssKb));
            if (driverRssKb.isPresent() && bareRssKb.isPresent()) {
                System.out.printf(Locale.ROOT, "  driver vs bare JVM: %.2fx%n",
                        (double) driverRssKb.getAsLong() / bareRssKb.getAsLong());
            }
            System.out.println();
        }

        private static void row(String name, Samples s, String target, String verdict) {
            System.out.printf(Locale.ROOT, "  %-15s %5d %9.1f %9.1f %9.1f   %-16s %-7s %s%n", name, s.nanos().size(),
                    s.medianMs(), s.minMs(), s.maxMs(), target, verdict, s.samplesMs(", "));
        }

        private static void latencyRow(String name, LatencyStats l) {
            System.out.printf(Locale.ROOT, "  %-36s %9.3f %9.3f %9.3f %9.3f%n", name, l.ms(50), l.ms(90), l.ms(99),
                    l.maxMs());
        }

        private static String verdict(boolean met) {
            return met ? "ok" : "MISSED";
        }

        void printResultLines() {
            String p = "dbr" + runtime.substring(0, runtime.indexOf('.', 3)).replace('.', '_') + "_";
            starts(p + "cluster_start", cluster);
            starts(p + "bare_start", bare);
            result(p + "cluster_vs_bare_ratio", decimal(startRatio(), 3));
            if (pool.starts() != null) {
                starts(p + "pool_start", pool.starts());
            } else {
                result(p + "pool_start_median_ms", "NA");
            }
            result(p + "first_create_ms", decimal(firstMs, 1));
            result(p + "api_select1_p50_ms", decimal(api.ms(50), 3));
            result(p + "api_select1_p99_ms", decimal(api.ms(99), 3));
            result(p + "agent_select1_p50_ms", decimal(agent.ms(50), 3));
            result(p + "agent_select1_p99_ms", decimal(agent.ms(99), 3));
            result(p + "jvm_take_select1_p50_ms", decimal(inJvmTake.ms(50), 3));
            result(p + "jvm_take_select1_p99_ms", decimal(inJvmTake.ms(99), 3));
            result(p + "jvm_select1_p50_ms", decimal(inJvm.ms(50), 3));
            result(p + "jvm_select1_p99_ms", decimal(inJvm.ms(99), 3));
            result(p + "api_overhead_p50_ms", decimal(overheadMs(50), 3));
            result(p + "api_overhead_p99_ms", decimal(overheadMs(99), 3));
            result(p + "driver_idle_rss_mb", rss(driverRssKb));
            result(p + "bare_idle_rss_mb", rss(bareRssKb));
            result(p + "load_average", loadAfter.replace(' ', ','));
            result(p + "targets_met", String.valueOf(targetsMet()));
        }

        private static void starts(String prefix, Samples s) {
            result(prefix + "_samples_ms", s.samplesMs(","));
            result(prefix + "_median_ms", decimal(s.medianMs(), 1));
            result(prefix + "_min_ms", decimal(s.minMs(), 1));
            result(prefix + "_max_ms", decimal(s.maxMs(), 1));
        }

        private static String rss(OptionalLong kb) {
            return kb.isPresent() ? decimal(Memory.mb(kb.getAsLong()), 1) : "NA";
        }

        private static String decimal(double value, int digits) {
            return String.format(Locale.ROOT, "%." + digits + "f", value);
        }

        private static void result(String key, String value) {
            System.out.println("RESULT " + key + "=" + value);
        }
    }
}
