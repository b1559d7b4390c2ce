import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Benchmarks permission checks on a built Brickworks distribution, from the outside, as a client sees them (issue 17):
 * <ol>
 * <li>{@code GET /api/2.0/token/list} as the administrator and as a non-admin user, p50 and p99, on this build and on
 * a baseline distribution built before permissions (commit f32605a), both running at once and measured in alternating
 * rounds with the same client and request counts; the difference of the non-admin p50s (target ≤ +0.3 ms);</li>
 * <li>{@code GET /api/2.0/workspace/list} of a folder of 10,000 notebooks as a non-admin user who reads them through
 * {@code CAN_READ} granted on a folder two levels up (inherited), p50 and p99 (target p99 ≤ 50 ms), against the same
 * list as the administrator (no filtering) in the same run, alternated.</li>
 * </ol>
 *
 * <pre>java releng/bench/PermissionsBenchmark.java [--dist product/target/brickworks] [--baseline-dist DIR]
 *     [--requests 4000] [--rounds 8] [--concurrency 1] [--notebooks 10000] [--lists 50]</pre>
 *
 * Without {@code --baseline-dist} the first part measures this build only. Only JDK classes are used (the JDK 17
 * source launcher runs one file).
 */
public final class PermissionsBenchmark {
    static final String USER = "bench-user@example.com";
    static final Duration TIMEOUT = Duration.ofMinutes(2);
    static final List<Process> STARTED = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--dist", "product/target/brickworks",
                "--baseline-dist", "", "--requests", "4000", "--rounds", "8", "--concurrency", "1", "--notebooks",
                "10000", "--lists", "50", "--import-threads", "8"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!options.containsKey(args[i])) {
                System.err.println("unknown option " + args[i] + "; options: " + options.keySet());
                System.exit(2);
            }
            options.put(args[i], args[i + 1]);
        }
        Path root = Files.createTempDirectory("brickworks-permissions-bench-");
        Runtime.getRuntime().addShutdownHook(new Thread(PermissionsBenchmark::stopAll));
        Map<String, String> results = new LinkedHashMap<>();
        try {
            Platform current = Platform.start("current", Path.of(options.get("--dist")), root);
            Platform baseline = options.get("--baseline-dist").isEmpty() ? null
                    : Platform.start("baseline", Path.of(options.get("--baseline-dist")), root);
            current.prepareUser();
            if (baseline != null) {
                baseline.prepareUser();
            }
            System.out.println("[platform] up; load " + load());
            tokenList(current, baseline, Integer.parseInt(options.get("--requests")),
                    Integer.parseInt(options.get("--rounds")), Integer.parseInt(options.get("--concurrency")), results);
            if (baseline != null) {
                baseline.stop(); // the big folder gets the CPUs to itself
            }
            workspaceList(current, Integer.parseInt(options.get("--notebooks")),
                    Integer.parseInt(options.get("--import-threads")), Integer.parseInt(options.get("--lists")),
                    results);
            System.out.println();
            System.out.println("Brickworks permissions benchmark - figures (load at the end " + load() + ")");
            results.forEach((key, value) -> System.out.println("RESULT " + key + "=" + value));
        } finally {
            stopAll();
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * {@code token/list} as admin and as the non-admin user on both distributions: {@code rounds} rounds, each sending
     * {@code requests / rounds} requests per (distribution, caller) from {@code concurrency} threads, alternating the
     * distributions so that both see the same machine load.
     */
    static void tokenList(Platform current, Platform baseline, int requests, int rounds, int concurrency,
            Map<String, String> results) throws Exception {
        List<Platform> platforms = baseline == null ? List.of(current) : List.of(current, baseline);
        int perRound = Math.max(1, requests / rounds);
        Map<String, List<Long>> samples = new LinkedHashMap<>();
        for (Platform platform : platforms) { // warm-up, not counted: JIT on both sides, connections, caches
            load(platform, platform.adminToken, "/api/2.0/token/list", perRound / 2, concurrency);
            load(platform, platform.userToken, "/api/2.0/token/list", perRound / 2, concurrency);
        }
        for (int round = 0; round < rounds; round++) {
            List<Platform> order = new ArrayList<>(platforms);
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (Platform platform : order) {
                for (String caller : List.of("admin", "user")) {
                    long[] latencies = load(platform, caller.equals("admin") ? platform.adminToken : platform.userToken,
                            "/api/2.0/token/list", perRound, concurrency);
                    List<Long> list = samples.computeIfAbsent(platform.name + " " + caller, k -> new ArrayList<>());
                    Arrays.stream(latencies).forEach(list::add);
                }
            }
            System.out.println("[token/list] round " + (round + 1) + "/" + rounds + " done; load " + load());
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "token/list: %d requests per row in %d alternating rounds, %d threads,"
                + " HTTP/1.1 keep-alive%n", perRound * rounds, rounds, concurrency);
        System.out.println("  distribution / caller     p50 ms    p90 ms    p99 ms");
        Map<String, long[]> sorted = new LinkedHashMap<>();
        samples.forEach((row, list) -> {
            long[] values = list.stream().mapToLong(Long::longValue).sorted().toArray();
            sorted.put(row, values);
            System.out.printf(Locale.ROOT, "  %-24s %8.3f  %8.3f  %8.3f%n", row, ms(percentile(values, 50)),
                    ms(percentile(values, 90)), ms(percentile(values, 99)));
            String key = "token_list_" + row.replace(' ', '_');
            results.put(key + "_p50_ms", String.format(Locale.ROOT, "%.3f", ms(percentile(values, 50))));
            results.put(key + "_p99_ms", String.format(Locale.ROOT, "%.3f", ms(percentile(values, 99))));
        });
        if (baseline != null) {
            for (String caller : List.of("admin", "user")) {
                double now = ms(percentile(sorted.get("current " + caller), 50));
                double before = ms(percentile(sorted.get("baseline " + caller), 50));
                System.out.printf(Locale.ROOT, "  %s: p50 %+.3f ms against the baseline (%.2fx); target <= +0.3 ms:"
                        + " %s%n", caller, now - before, now / before, now - before <= 0.3 ? "ok" : "MISSED");
                results.put("token_list_" + caller + "_p50_delta_ms", String.format(Locale.ROOT, "%.3f", now - before));
                results.put("token_list_" + caller + "_p50_ratio", String.format(Locale.ROOT, "%.2f", now / before));
                results.put("token_list_" + caller + "_target_met", Boolean.toString(now - before <= 0.3));
            }
        }
    }

    /**
     * {@code /Shared/bench/big} with {@code notebooks} notebooks, {@code CAN_READ} on {@code /Shared/bench} for the
     * user; {@code lists} lists of it as the user and as the admin, alternated, after a tenth as warm-up.
     */
    static void workspaceList(Platform platform, int notebooks, int threads, int lists, Map<String, String> results)
            throws Exception {
        String folder = "/Shared/bench/big";
        platform.call(platform.adminToken, "POST", "/api/2.0/workspace/mkdirs", "{\"path\": \"" + folder + "\"}");
        String content = Base64.getEncoder().encodeToString("# Databricks notebook source\nprint(1)\n"
                .getBytes(StandardCharsets.UTF_8));
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < notebooks; i = next.getAndIncrement()) {
                    platform.call(platform.adminToken, "POST", "/api/2.0/workspace/import", "{\"path\": \"" + folder
                            + "/nb-" + i + "\", \"format\": \"SOURCE\", \"language\": \"PYTHON\", \"content\": \""
                            + content + "\"}");
                    if ((i + 1) % 2000 == 0) {
                        System.out.println("[workspace] " + (i + 1) + " notebooks imported");
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        System.out.printf(Locale.ROOT, "[workspace] %d notebooks imported in %.1f s (%d threads)%n", notebooks,
                (System.nanoTime() - started) / 1e9, threads);
        String status = platform.call(platform.adminToken, "GET",
                "/api/2.0/workspace/get-status?path=/Shared/bench", null);
        String id = field(status, "object_id");
        platform.call(platform.adminToken, "PATCH", "/api/2.0/permissions/directories/" + id,
                "{\"access_control_list\": [{\"user_name\": \"" + USER + "\", \"permission_level\": \"CAN_READ\"}]}");
        String path = "/api/2.0/workspace/list?path=" + folder;
        String listed = platform.call(platform.userToken, "GET", path, null);
        int seenByUser = count(listed, "\"object_id\"");
        int seenByAdmin = count(platform.call(platform.adminToken, "GET", path, null), "\"object_id\"");
        if (seenByUser != notebooks || seenByAdmin != notebooks) {
            throw new IllegalStateException("the list shows " + seenByUser + " objects to the user and " + seenByAdmin
                    + " to the admin, not " + notebooks);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long[] asUser = new long[lists];
        long[] asAdmin = new long[lists];
        for (int i = -Math.max(1, lists / 10); i < lists; i++) {
            long user = platform.timedGet(client, platform.userToken, path);
            long admin = platform.timedGet(client, platform.adminToken, path);
            if (i >= 0) {
                asUser[i] = user;
                asAdmin[i] = admin;
            }
        }
        Arrays.sort(asUser);
        Arrays.sort(asAdmin);
        System.out.println();
        System.out.printf(Locale.ROOT, "workspace/list of a folder of %d notebooks (%.1f MB of JSON), %d lists each,"
                + " alternated%n", notebooks, listed.length() / 1048576.0, lists);
        System.out.println("  caller                          p50 ms    p90 ms    p99 ms    max ms");
        System.out.printf(Locale.ROOT, "  non-admin, inherited CAN_READ %8.1f  %8.1f  %8.1f  %8.1f  target p99 <= 50"
                + " ms: %s%n", ms(percentile(asUser, 50)), ms(percentile(asUser, 90)), ms(percentile(asUser, 99)),
                ms(asUser[lists - 1]), ms(percentile(asUser, 99)) <= 50 ? "ok" : "MISSED");
        System.out.printf(Locale.ROOT, "  admin (baseline)              %8.1f  %8.1f  %8.1f  %8.1f%n",
                ms(percentile(asAdmin, 50)), ms(percentile(asAdmin, 90)), ms(percentile(asAdmin, 99)),
                ms(asAdmin[lists - 1]));
        System.out.printf(Locale.ROOT, "  non-admin vs admin: p50 %+.1f ms (%.2fx)%n",
                ms(percentile(asUser, 50) - percentile(asAdmin, 50)),
                (double) percentile(asUser, 50) / percentile(asAdmin, 50));
        double userCpu = cpuPerList(platform, client, platform.userToken, path, lists);
        double adminCpu = cpuPerList(platform, client, platform.adminToken, path, lists);
        System.out.printf(Locale.ROOT, "  CPU time of the platform JVM per list (all threads, GC included; load"
                + " independent): non-admin %.1f ms, admin %.1f ms%n", userCpu, adminCpu);
        results.put("workspace_list_user_cpu_ms", String.format(Locale.ROOT, "%.1f", userCpu));
        results.put("workspace_list_admin_cpu_ms", String.format(Locale.ROOT, "%.1f", adminCpu));
        results.put("workspace_list_bytes", Integer.toString(listed.length()));
        results.put("workspace_list_user_p50_ms", String.format(Locale.ROOT, "%.1f", ms(percentile(asUser, 50))));
        results.put("workspace_list_user_p99_ms", String.format(Locale.ROOT, "%.1f", ms(percentile(asUser, 99))));
        results.put("workspace_list_admin_p50_ms", String.format(Locale.ROOT, "%.1f", ms(percentile(asAdmin, 50))));
        results.put("workspace_list_admin_p99_ms", String.format(Locale.ROOT, "%.1f", ms(percentile(asAdmin, 99))));
        results.put("workspace_list_target_met", Boolean.toString(ms(percentile(asUser, 99)) <= 50));
    }

    /**
     * The platform JVM's CPU time (every thread's, from {@code /proc}) per list over {@code lists} lists in a row, in
     * milliseconds: what a list costs, whatever else the machine runs.
     */
    static double cpuPerList(Platform platform, HttpClient client, String token, String path, int lists)
            throws Exception {
        ProcessHandle jvm = platform.process.toHandle(); // bin/brickworks execs java
        long before = jvm.info().totalCpuDuration().orElseThrow().toNanos();
        for (int i = 0; i < lists; i++) {
            platform.timedGet(client, token, path);
        }
        return ms(jvm.info().totalCpuDuration().orElseThrow().toNanos() - before) / lists;
    }

    /**
     * {@code count} GETs of {@code path} with {@code token}, from {@code concurrency} threads each with its own
     * HTTP/1.1 client (so its own keep-alive connection); every latency in nanoseconds, until the body is read.
     */
    static long[] load(Platform platform, String token, String path, int count, int concurrency) throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            HttpClient client = platform.clients.get(t % platform.clients.size());
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    latencies[i] = platform.timedGet(client, token, path);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return latencies;
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static long percentile(long[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]+)").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return matcher.group(1).trim();
    }

    static int count(String text, String needle) {
        int found = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            found++;
        }
        return found;
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (IOException e) {
            return "n/a";
        }
    }

    static void stopAll() {
        synchronized (STARTED) {
            for (Process process : STARTED) {
                process.toHandle().descendants().forEach(ProcessHandle::destroy);
                process.destroy();
            }
            for (Process process : STARTED) {
                try {
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            STARTED.clear();
        }
    }

    /** One running distribution on free ports with a fresh data directory, its admin token and a user's token. */
    static final class Platform {
        final String name;
        final Path dist;
        final Path data;
        final Path known;
        final String base;
        final int sshPort;
        final Process process;
        final List<HttpClient> clients = new ArrayList<>();
        String adminToken;
        String userToken;

        private Platform(String name, Path dist, Path root, int[] ports, Process process) {
            this.name = name;
            this.dist = dist;
            this.data = root.resolve(name + "-data");
            this.known = root.resolve(name + "-known_hosts");
            this.base = "http://127.0.0.1:" + ports[0];
            this.sshPort = ports[1];
            this.process = process;
            for (int i = 0; i < 16; i++) {
                clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
            }
        }

        static Platform start(String name, Path dist, Path root) throws Exception {
            if (!Files.isExecutable(dist.resolve("bin/brickworks"))) {
                throw new IllegalStateException("no distribution at " + dist + " (bin/brickworks)");
            }
            int[] ports;
            try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
                ports = new int[] { a.getLocalPort(), b.getLocalPort() };
            }
            ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/brickworks").toAbsolutePath().toString())
                    .directory(dist.toFile()).redirectInput(Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(root.resolve(name + ".log").toFile());
            builder.environment().put("BRICKWORKS_HTTP_HOST", "127.0.0.1");
            builder.environment().put("BRICKWORKS_HTTP_PORT", String.valueOf(ports[0]));
            builder.environment().put("BRICKWORKS_SSH_PORT", String.valueOf(ports[1]));
            builder.environment().put("BRICKWORKS_DATA", root.resolve(name + "-data").toString());
            Process process;
            synchronized (STARTED) {
                process = builder.start();
                STARTED.add(process);
            }
            Platform platform = new Platform(name, dist, root, ports, process);
            platform.awaitReady();
            System.out.println("[" + name + "] " + dist + " up on " + platform.base);
            return platform;
        }

        void stop() throws InterruptedException {
            synchronized (STARTED) {
                process.toHandle().descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
                STARTED.remove(process);
            }
        }

        private void awaitReady() throws Exception {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            Path tokenFile = data.resolve("admin-token");
            while (true) {
                try {
                    if (Files.isRegularFile(tokenFile) && Files.size(tokenFile) > 0) {
                        adminToken = Files.readString(tokenFile).strip();
                        call(adminToken, "GET", "/api/2.0/health", null);
                        call(adminToken, "GET", "/api/2.0/preview/scim/v2/Me", null);
                        return;
                    }
                } catch (IOException | IllegalStateException e) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " stopped: see its log", e);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " was not ready within " + TIMEOUT);
                }
                Thread.sleep(100);
            }
        }

        /** A non-admin user (workspace-access only) made over SCIM, and its token made on the console over SSH. */
        void prepareUser() throws Exception {
            call(adminToken, "POST", "/api/2.0/preview/scim/v2/Users", "{\"userName\": \"" + USER
                    + "\", \"entitlements\": [{\"value\": \"workspace-access\"}]}");
            ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/brickworks-client").toAbsolutePath()
                    .toString(), "--port", String.valueOf(sshPort), "--known-hosts", known.toString(),
                    "bw:token-create", "--user", USER, "--lifetime", "0", "bench").directory(dist.toFile())
                    .redirectInput(Redirect.from(new File("/dev/null"))).redirectErrorStream(true);
            builder.environment().put("BRICKWORKS_DATA", data.toString());
            Process client = builder.start();
            String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!client.waitFor(2, TimeUnit.MINUTES) || client.exitValue() != 0) {
                throw new IllegalStateException("bw:token-create failed on " + name + ":\n" + out);
            }
            userToken = out.lines().map(String::strip).filter(l -> l.startsWith("dapi")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no token in:\n" + out));
            String tokens = call(userToken, "GET", "/api/2.0/token/list", null);
            if (!tokens.contains("token_infos")) {
                throw new IllegalStateException("the user's token/list on " + name + " answered " + tokens);
            }
        }

        /** A request with {@code token}; its body, or an exception unless the status is 2xx. */
        String call(String token, String method, String path, String body) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body))
                    .timeout(Duration.ofSeconds(60)).build();
            HttpResponse<String> response = clients.get(0).send(request, BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " on " + name + ": " + response.statusCode()
                        + " " + response.body());
            }
            return response.body();
        }

        /** The latency of one GET in nanoseconds, until its body has been read; fails unless it answers 200. */
        long timedGet(HttpClient client, String token, String path) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
            long start = System.nanoTime();
            HttpResponse<byte[]> response = client.send(request, BodyHandlers.ofByteArray());
            long elapsed = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " on " + name + ": " + response.statusCode() + " "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return elapsed;
        }
    }
}
