import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Benchmarks a built Brickworks distribution: start time (fresh and existing data directory),
 * idle resident memory, and HTTP throughput/latency of an authenticated and an unauthenticated endpoint.
 * Start time and idle memory are compared with a bare JVM ({@code BareHealthServer.java}, next to this file)
 * measured in the same run.
 *
 * <pre>java releng/bench/PlatformBenchmark.java [--dist product/target/brickworks] [--runs 5] ...</pre>
 *
 * Only JDK classes are used so that the JDK 17 source launcher can run it directly. See README.md next to it.
 */
public final class PlatformBenchmark {

    static final String HEALTH = "/api/2.0/health";
    static final String TOKEN_LIST = "/api/2.0/token/list";
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final Duration STOP_GRACE = Duration.ofSeconds(10);
    static final Duration TOKEN_FILE_TIMEOUT = Duration.ofSeconds(10);
    static final long POLL_INTERVAL_MS = 10;
    static final double START_TARGET_MS = 2_000;
    static final double IDLE_RSS_TARGET_MB = 250;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** The JVM flags of product/src/main/dist/bin/brickworks, given to the bare baseline JVM as well. */
    static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1", "-Xms32m", "-XX:NewRatio=4", "-Xss512k");
    /** Used for health polling and the preflight request, not for the measured load. */
    static final HttpClient PROBE_CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();

    private PlatformBenchmark() {
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
                    + " build the distribution first: ./mvnw -B -DskipTests install");
        }
        options.printHeader();
        try (Workspace workspace = Workspace.create()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> cleanUp(workspace), "benchmark-cleanup"));
            Results results = measure(options, workspace);
            results.print();
        }
    }

    /** Shutdown hook: also runs on SIGTERM/Ctrl-C; a no-op after a normal run. */
    static void cleanUp(Workspace workspace) {
        Platform.stopAll();
        workspace.close();
    }

    static Results measure(Options options, Workspace workspace) throws IOException, InterruptedException {
        Path bareClasses = compileBareServer(workspace);
        System.out.println("[start] bare JVM baseline, " + options.runs() + " run(s)");
        List<Long> bareStarts = new ArrayList<>();
        for (int i = 1; i <= options.runs(); i++) {
            bareStarts.add(timedStart(Platform.startBare(bareClasses, workspace.log("bare-" + i)), "bare #" + i));
        }
        OptionalLong bareIdleRssKb;
        try (Platform bare = Platform.startBare(bareClasses, workspace.log("bare-rss"))) {
            bare.awaitHealthy();
            bareIdleRssKb = idleRss(bare, options.idleSeconds());
        }
        Baseline bare = new Baseline(new StartStats(bareStarts), bareIdleRssKb);

        System.out.println("[start] fresh data directory, " + options.runs() + " run(s)");
        List<Long> fresh = new ArrayList<>();
        Path dataDir = null;
        for (int i = 1; i <= options.runs(); i++) {
            dataDir = workspace.directory("fresh-" + i);
            fresh.add(timedStart(Platform.start(options.dist(), dataDir, workspace.log("fresh-" + i)),
                    "fresh #" + i));
        }
        System.out.println("[start] existing data directory (" + dataDir.getFileName() + "), "
                + options.warmRuns() + " run(s)");
        List<Long> existing = new ArrayList<>();
        for (int i = 1; i <= options.warmRuns(); i++) {
            existing.add(timedStart(Platform.start(options.dist(), dataDir, workspace.log("existing-" + i)),
                    "existing #" + i));
        }
        try (Platform platform = Platform.start(options.dist(), dataDir, workspace.log("measure"))) {
            platform.awaitHealthy();
            return measureRunning(options, platform, dataDir, new StartStats(fresh), new StartStats(existing), bare);
        }
    }

    /**
     * Compiles BareHealthServer.java once into the workspace, before anything is measured. It is looked up next
     * to this file, or from the repository root when this benchmark runs as a compiled class.
     */
    static Path compileBareServer(Workspace workspace) throws IOException {
        Path source = Path.of("releng/bench/BareHealthServer.java");
        CodeSource self = PlatformBenchmark.class.getProtectionDomain().getCodeSource();
        try {
            if (self != null && self.getLocation().getPath().endsWith(".java")) {
                source = Path.of(self.getLocation().toURI()).resolveSibling("BareHealthServer.java");
            }
        } catch (URISyntaxException e) {
            // keep the path from the repository root
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new BenchmarkException("no Java compiler available to compile " + source + "; run with a JDK");
        }
        Path classes = workspace.directory("bare-classes");
        if (compiler.run(null, null, null, "--release", "17", "-d", classes.toString(), source.toString()) != 0) {
            throw new BenchmarkException("could not compile " + source);
        }
        System.out.println("[bare] compiled " + source + " (java " + String.join(" ", JVM_FLAGS) + ")");
        return classes;
    }

    /** Waits for the first 200 and stops the process; returns the time from launch to that 200. */
    static long timedStart(Platform started, String label) throws IOException, InterruptedException {
        try (Platform platform = started) {
            long nanos = platform.awaitHealthy();
            System.out.printf(Locale.ROOT, "  %-13s %8.1f ms%n", label, millis(nanos));
            return nanos;
        }
    }

    /** VmRSS of the healthy process's JVM after it has idled for the given time. */
    static OptionalLong idleRss(Platform platform, int idleSeconds) throws IOException, InterruptedException {
        ProcessHandle java = platform.javaProcess();
        System.out.printf("[rss] %s: waiting %d s idle, java pid %d (%s)%n", platform.name(), idleSeconds,
                java.pid(), java.info().command().orElse("?"));
        Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
        OptionalLong rssKb = Memory.rssKb(java);
        System.out.println("  idle RSS: " + Memory.format(rssKb));
        return rssKb;
    }

    static Results measureRunning(Options options, Platform platform, Path dataDir, StartStats fresh,
            StartStats existing, Baseline bare) throws IOException, InterruptedException {
        OptionalLong idleRssKb = idleRss(platform, options.idleSeconds());

        String token = readAdminToken(dataDir);
        HttpRequest health = HttpRequest.newBuilder(platform.uri(HEALTH)).timeout(REQUEST_TIMEOUT).build();
        HttpRequest tokenList = HttpRequest.newBuilder(platform.uri(TOKEN_LIST)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token).build();
        preflight(tokenList);

        LoadGenerator load = new LoadGenerator(options.concurrency());
        load.warmUp(health, options.warmup());
        load.warmUp(tokenList, options.warmup());
        LoadResult healthResult = load.measure(health, options.requests());
        LoadResult tokenResult = load.measure(tokenList, options.requests());
        OptionalLong loadedRssKb = Memory.rssKb(platform.javaProcess());
        return new Results(options, fresh, existing, idleRssKb, loadedRssKb, healthResult, tokenResult, bare);
    }

    static String readAdminToken(Path dataDir) throws IOException, InterruptedException {
        Path file = dataDir.resolve("admin-token");
        long deadline = System.nanoTime() + TOKEN_FILE_TIMEOUT.toNanos();
        while (!Files.isRegularFile(file) || Files.size(file) == 0) {
            if (System.nanoTime() > deadline) {
                throw new BenchmarkException("admin token not written to " + file);
            }
            Thread.sleep(POLL_INTERVAL_MS);
        }
        return Files.readString(file).strip();
    }

    /** Fails fast when authentication is misconfigured instead of reporting thousands of identical errors. */
    static void preflight(HttpRequest request) throws IOException, InterruptedException {
        var response = PROBE_CLIENT.send(request, BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("token_infos")) {
            throw new BenchmarkException("GET " + request.uri().getPath() + " with the admin token answered HTTP "
                    + response.statusCode() + ": " + abbreviate(response.body()));
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** Nearest-rank percentile of an ascending array. */
    static long percentile(long[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    static double median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    static final class BenchmarkException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BenchmarkException(String message) {
            super(message);
        }
    }

    record Options(Path dist, int runs, int warmRuns, int requests, int concurrency, int warmup, int idleSeconds) {

        static final String USAGE = """
                usage: java releng/bench/PlatformBenchmark.java [options]
                  --dist DIR          distribution directory (default product/target/brickworks)
                  --runs N            fresh-data start measurements (default 5)
                  --warm-runs N       starts on an existing data directory (default 1)
                  --requests N        measured requests per endpoint (default 20000)
                  --concurrency N     concurrent client threads (default 16)
                  --warmup N          unmeasured warm-up requests per endpoint (default 2000)
                  --idle-seconds N    idle time before reading RSS (default 5)""";
        static final Set<String> NAMES = Set.of("--dist", "--runs", "--warm-runs", "--requests", "--concurrency",
                "--warmup", "--idle-seconds");

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>();
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
            return new Options(Path.of(values.getOrDefault("--dist", "product/target/brickworks")),
                    number(values, "--runs", 5, 1),
                    number(values, "--warm-runs", 1, 1),
                    number(values, "--requests", 20_000, 1),
                    number(values, "--concurrency", 16, 1),
                    number(values, "--warmup", 2_000, 0),
                    number(values, "--idle-seconds", 5, 0));
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
            System.out.println("Brickworks platform benchmark");
            System.out.println("  distribution: " + dist.toAbsolutePath().normalize());
            System.out.printf("  runs=%d warm-runs=%d requests=%d concurrency=%d warmup=%d idle-seconds=%d%n",
                    runs, warmRuns, requests, concurrency, warmup, idleSeconds);
            System.out.println("  client: Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                    + " CPUs");
        }
    }

    /** Temporary root holding every data directory and log of the run; deleted on close. */
    static final class Workspace implements AutoCloseable {
        private final Path root;
        private boolean closed;

        private Workspace(Path root) {
            this.root = root;
        }

        static Workspace create() throws IOException {
            return new Workspace(Files.createTempDirectory("brickworks-bench-"));
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

    /** One {@code bin/brickworks} process, or one bare baseline JVM, on its own free ports. */
    static final class Platform implements AutoCloseable {
        private static final Set<Platform> RUNNING = ConcurrentHashMap.newKeySet();

        private final String name;
        private final Process process;
        private final long startNanos;
        private final int httpPort;
        /** The process's own output. */
        private final Path log;
        /** The platform's log file ({@code <data>/log/brickworks.log}), where it logs; null for other processes. */
        private Path platformLog;

        private Platform(String name, Process process, long startNanos, int httpPort, Path log) {
            this.name = name;
            this.process = process;
            this.startNanos = startNanos;
            this.httpPort = httpPort;
            this.log = log;
        }

        static Platform start(Path dist, Path dataDir, Path log) throws IOException {
            int[] ports = freePorts(2);
            ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/brickworks").toAbsolutePath().toString())
                    .directory(dist.toFile());
            builder.environment().put("BRICKWORKS_HTTP_HOST", "127.0.0.1");
            builder.environment().put("BRICKWORKS_HTTP_PORT", String.valueOf(ports[0]));
            builder.environment().put("BRICKWORKS_SSH_PORT", String.valueOf(ports[1]));
            builder.environment().put("BRICKWORKS_DATA", dataDir.toAbsolutePath().toString());
            Platform platform = launch("platform", builder, ports[0], log);
            platform.platformLog = dataDir.resolve("log/brickworks.log");
            return platform;
        }

        /** The baseline: {@code java -cp CLASSES <JVM_FLAGS> BareHealthServer PORT}, java found as the script does. */
        static Platform startBare(Path classes, Path log) throws IOException {
            int port = freePorts(1)[0];
            String javaHome = System.getenv("JAVA_HOME");
            List<String> command = new ArrayList<>();
            command.add(javaHome == null || javaHome.isEmpty() ? "java" : javaHome + "/bin/java");
            command.addAll(List.of("-cp", classes.toString()));
            command.addAll(JVM_FLAGS);
            command.addAll(List.of("BareHealthServer", String.valueOf(port)));
            return launch("bare JVM", new ProcessBuilder(command), port, log);
        }

        private static Platform launch(String name, ProcessBuilder builder, int httpPort, Path log)
                throws IOException {
            builder.redirectInput(Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            long startNanos = System.nanoTime();
            Platform platform = new Platform(name, builder.start(), startNanos, httpPort, log);
            RUNNING.add(platform);
            return platform;
        }

        String name() {
            return name;
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

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + httpPort + path);
        }

        /** Polls the health endpoint; returns nanoseconds from process start to the first 200. */
        long awaitHealthy() throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(uri(HEALTH)).timeout(Duration.ofSeconds(2)).build();
            long deadline = startNanos + START_TIMEOUT.toNanos();
            while (!answers200(request)) {
                if (!process.isAlive()) {
                    throw new BenchmarkException(name + " exited with code " + process.exitValue()
                            + " before " + HEALTH + " answered 200" + logTail());
                }
                if (System.nanoTime() > deadline) {
                    throw new BenchmarkException(name + ": " + HEALTH + " did not answer 200 within "
                            + START_TIMEOUT.toSeconds() + " s" + logTail());
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

        private String logTail() throws IOException {
            return tail(log) + (platformLog == null ? "" : tail(platformLog));
        }

        private static String tail(Path file) throws IOException {
            List<String> lines = Files.exists(file)
                    ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList()
                    : List.of();
            return "\n--- last lines of " + file.getFileName() + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }

        /** The JVM: the launched process itself when the script exec'ed java, otherwise a java descendant. */
        ProcessHandle javaProcess() {
            ProcessHandle root = process.toHandle();
            return Stream.concat(Stream.of(root), root.descendants())
                    .filter(Platform::isJava)
                    .findFirst()
                    .orElseThrow(() -> new BenchmarkException("no java process found in process tree of pid "
                            + root.pid()));
        }

        private static boolean isJava(ProcessHandle handle) {
            return handle.info().command().map(c -> Path.of(c).getFileName().toString().equals("java")).orElse(false);
        }

        static void stopAll() {
            List.copyOf(RUNNING).forEach(Platform::close);
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

        private static boolean awaitExit(ProcessHandle handle, long timeoutNanos) {
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
        static OptionalLong rssKb(ProcessHandle process) throws IOException {
            Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
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
            return kb.isPresent() ? String.format(Locale.ROOT, "%.1f MB", mb(kb.getAsLong())) : "n/a (no /proc)";
        }
    }

    /** A fixed set of worker threads, each with its own HTTP/1.1 keep-alive client. */
    static final class LoadGenerator {
        private final List<HttpClient> clients;

        LoadGenerator(int concurrency) {
            clients = IntStream.range(0, concurrency)
                    .mapToObj(i -> HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(5))
                            .build())
                    .toList();
        }

        /** Unmeasured requests: JIT warm-up on both sides and established keep-alive connections. */
        void warmUp(HttpRequest request, int requests) throws InterruptedException {
            if (requests > 0) {
                System.out.printf("[load] %s: %d warm-up requests%n", label(request), requests);
                run(request, requests);
            }
        }

        LoadResult measure(HttpRequest request, int requests) throws InterruptedException {
            System.out.printf("[load] %s: %d measured requests, %d threads%n", label(request), requests,
                    clients.size());
            LoadResult result = run(request, requests);
            System.out.println("  " + result.summary());
            return result;
        }

        private static String label(HttpRequest request) {
            return request.method() + " " + request.uri().getPath();
        }

        private LoadResult run(HttpRequest request, int requests) throws InterruptedException {
            Batch batch = new Batch(request, requests);
            List<Thread> workers = clients.stream()
                    .map(client -> new Thread(() -> batch.work(client), "load-worker"))
                    .toList();
            long start = System.nanoTime();
            workers.forEach(Thread::start);
            for (Thread worker : workers) {
                worker.join();
            }
            long wallNanos = System.nanoTime() - start;
            return batch.result(label(request), clients.size(), wallNanos);
        }
    }

    /** Requests shared by the workers through one counter; every latency is kept. */
    static final class Batch {
        private final HttpRequest request;
        private final long[] latencies;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger errors = new AtomicInteger();
        private final AtomicReference<String> firstError = new AtomicReference<>();

        Batch(HttpRequest request, int requests) {
            this.request = request;
            this.latencies = new long[requests];
        }

        void work(HttpClient client) {
            for (int i = next.getAndIncrement(); i < latencies.length; i = next.getAndIncrement()) {
                long start = System.nanoTime();
                String error = send(client);
                latencies[i] = System.nanoTime() - start;
                if (error != null) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, error);
                }
            }
        }

        /** Returns null on HTTP 200, otherwise a description of the failure. */
        private String send(HttpClient client) {
            try {
                int status = client.send(request, BodyHandlers.discarding()).statusCode();
                return status == 200 ? null : "HTTP " + status;
            } catch (IOException e) {
                return e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }

        LoadResult result(String label, int concurrency, long wallNanos) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return new LoadResult(label, concurrency, wallNanos, sorted, errors.get(), firstError.get());
        }
    }

    record LoadResult(String label, int concurrency, long wallNanos, long[] sortedLatencies, int errors,
            String firstError) {

        int requests() {
            return sortedLatencies.length;
        }

        double requestsPerSecond() {
            return requests() / (wallNanos / 1e9);
        }

        double percentileMs(double percent) {
            return millis(percentile(sortedLatencies, percent));
        }

        double maxMs() {
            return millis(sortedLatencies[sortedLatencies.length - 1]);
        }

        String summary() {
            return String.format(Locale.ROOT, "%.0f req/s, p50 %.3f ms, p99 %.3f ms, %d errors%s",
                    requestsPerSecond(), percentileMs(50), percentileMs(99), errors,
                    firstError == null ? "" : " (first: " + firstError + ")");
        }
    }

    record StartStats(List<Long> samplesNanos) {

        double medianMs() {
            return millis(Math.round(median(samplesNanos)));
        }

        double minMs() {
            return millis(samplesNanos.stream().mapToLong(Long::longValue).min().orElseThrow());
        }

        double maxMs() {
            return millis(samplesNanos.stream().mapToLong(Long::longValue).max().orElseThrow());
        }

        String samplesMs(String separator) {
            return samplesNanos.stream()
                    .map(n -> String.format(Locale.ROOT, "%.1f", millis(n)))
                    .collect(Collectors.joining(separator));
        }
    }

    /** The bare JVM measured in the same run: start times and idle RSS. */
    record Baseline(StartStats starts, OptionalLong idleRssKb) {
    }

    record Results(Options options, StartStats fresh, StartStats existing, OptionalLong idleRssKb,
            OptionalLong loadedRssKb, LoadResult health, LoadResult tokenList, Baseline bare) {

        private static final String RULE = "=".repeat(100);

        boolean startMet() {
            return fresh.medianMs() < START_TARGET_MS;
        }

        boolean rssMet() {
            return idleRssKb.isPresent() && Memory.mb(idleRssKb.getAsLong()) < IDLE_RSS_TARGET_MB;
        }

        boolean errorsMet() {
            return health.errors() == 0 && tokenList.errors() == 0;
        }

        /** Fresh-start median of the platform over that of the bare JVM. */
        double startRatio() {
            return fresh.medianMs() / bare.starts().medianMs();
        }

        double startDifferenceMs() {
            return fresh.medianMs() - bare.starts().medianMs();
        }

        /** Idle RSS of the platform over that of the bare JVM; empty without /proc. */
        OptionalDouble rssRatio() {
            return idleRssKb.isPresent() && bare.idleRssKb().isPresent()
                    ? OptionalDouble.of((double) idleRssKb.getAsLong() / bare.idleRssKb().getAsLong())
                    : OptionalDouble.empty();
        }

        void print() {
            System.out.println();
            System.out.println(RULE);
            System.out.println("Brickworks platform benchmark - figures");
            System.out.println(RULE);
            printStartTable();
            printMemory();
            printLoadTable();
            System.out.println(RULE);
            printResultLines();
        }

        private void printStartTable() {
            System.out.println("Start time: launch of bin/brickworks or the bare JVM until " + HEALTH
                    + " first answers 200 (ms)");
            System.out.printf("  %-15s %5s %9s %9s %9s   %-8s %-7s %s%n",
                    "start", "runs", "median", "min", "max", "target", "verdict", "samples");
            printStartRow("fresh", fresh, "< 2 s", verdict(startMet()));
            printStartRow("existing", existing, "-", "");
            printStartRow("bare JVM", bare.starts(), "baseline", "");
            System.out.printf(Locale.ROOT, "  fresh vs bare JVM: median %.2fx, %+.1f ms%n", startRatio(),
                    startDifferenceMs());
            System.out.println();
        }

        private static void printStartRow(String name, StartStats stats, String target, String verdict) {
            System.out.printf(Locale.ROOT, "  %-15s %5d %9.1f %9.1f %9.1f   %-8s %-7s %s%n", name,
                    stats.samplesNanos().size(), stats.medianMs(), stats.minMs(), stats.maxMs(), target, verdict,
                    stats.samplesMs(", "));
        }

        private void printMemory() {
            String idle = "idle (" + options.idleSeconds() + " s after first 200)";
            System.out.println("Memory: VmRSS of the platform JVM and of the bare JVM");
            System.out.printf("  %-36s %-16s target < 250 MB   %s%n", idle, Memory.format(idleRssKb),
                    verdict(rssMet()));
            System.out.printf("  %-36s %-16s (informational)%n", "after the load runs", Memory.format(loadedRssKb));
            System.out.printf("  %-36s %-16s baseline%n", "bare JVM, " + idle, Memory.format(bare.idleRssKb()));
            OptionalDouble rssRatio = rssRatio();
            System.out.println("  idle vs bare JVM: " + (rssRatio.isPresent()
                    ? String.format(Locale.ROOT, "%.2fx", rssRatio.getAsDouble()) : "n/a"));
            System.out.println();
        }

        private void printLoadTable() {
            System.out.printf("HTTP load: %d requests per endpoint, %d threads, HTTP/1.1 keep-alive, after %d warm-up"
                    + " requests%n", options.requests(), options.concurrency(), options.warmup());
            System.out.printf("  %-26s %9s %9s %9s %9s %9s %7s   %-12s %s%n", "endpoint", "req/s", "p50 ms", "p90 ms",
                    "p99 ms", "max ms", "errors", "target", "verdict");
            printLoadRow(health, "zero errors", verdict(health.errors() == 0));
            printLoadRow(tokenList, "zero errors", verdict(tokenList.errors() == 0));
            System.out.printf(Locale.ROOT, "  cost of authentication (token/list vs health): p50 %+.3f ms,"
                    + " p99 %+.3f ms, throughput %+.1f%%%n",
                    tokenList.percentileMs(50) - health.percentileMs(50),
                    tokenList.percentileMs(99) - health.percentileMs(99),
                    100 * (tokenList.requestsPerSecond() / health.requestsPerSecond() - 1));
            printFirstError(health);
            printFirstError(tokenList);
        }

        private static void printLoadRow(LoadResult r, String target, String verdict) {
            System.out.printf(Locale.ROOT, "  %-26s %9.0f %9.3f %9.3f %9.3f %9.3f %7d   %-12s %s%n", r.label(),
                    r.requestsPerSecond(), r.percentileMs(50), r.percentileMs(90), r.percentileMs(99), r.maxMs(),
                    r.errors(), target, verdict);
        }

        private static void printFirstError(LoadResult r) {
            if (r.firstError() != null) {
                System.out.println("  first error on " + r.label() + ": " + r.firstError());
            }
        }

        private static String verdict(boolean met) {
            return met ? "ok" : "MISSED";
        }

        private void printResultLines() {
            printStartResults("start_fresh", fresh);
            printStartResults("start_existing", existing);
            printStartResults("start_bare", bare.starts());
            result("start_fresh_vs_bare_ratio", decimal(startRatio(), 2));
            result("start_fresh_minus_bare_ms", decimal(startDifferenceMs(), 1));
            result("idle_rss_mb", rss(idleRssKb));
            result("loaded_rss_mb", rss(loadedRssKb));
            result("bare_idle_rss_mb", rss(bare.idleRssKb()));
            OptionalDouble rssRatio = rssRatio();
            result("idle_rss_vs_bare_ratio", rssRatio.isPresent() ? decimal(rssRatio.getAsDouble(), 2) : "NA");
            printLoadResults("health", health);
            printLoadResults("token_list", tokenList);
            result("targets_met", String.valueOf(startMet() && rssMet() && errorsMet()));
        }

        private static void printStartResults(String prefix, StartStats stats) {
            result(prefix + "_runs", String.valueOf(stats.samplesNanos().size()));
            result(prefix + "_samples_ms", stats.samplesMs(","));
            result(prefix + "_median_ms", decimal(stats.medianMs(), 1));
            result(prefix + "_min_ms", decimal(stats.minMs(), 1));
            result(prefix + "_max_ms", decimal(stats.maxMs(), 1));
        }

        private static void printLoadResults(String prefix, LoadResult r) {
            result(prefix + "_requests", String.valueOf(r.requests()));
            result(prefix + "_concurrency", String.valueOf(r.concurrency()));
            result(prefix + "_requests_per_s", decimal(r.requestsPerSecond(), 1));
            result(prefix + "_p50_ms", decimal(r.percentileMs(50), 3));
            result(prefix + "_p90_ms", decimal(r.percentileMs(90), 3));
            result(prefix + "_p99_ms", decimal(r.percentileMs(99), 3));
            result(prefix + "_max_ms", decimal(r.maxMs(), 3));
            result(prefix + "_errors", String.valueOf(r.errors()));
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
