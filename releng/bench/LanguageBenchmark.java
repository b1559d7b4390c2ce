import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Latency of Scala and Python cells through the Command Execution API 1.2 on a built distribution: a trivial cell
 * ({@code 1 + 1}) after warm-up, p50/p99, and the first cell after creating a context (interpreter start included);
 * before them, import + export of a 200-cell SOURCE notebook through the Workspace API (time, byte-equality). JDK
 * only; run from the repository root: {@code java releng/bench/LanguageBenchmark.java [--runtime 15.4] [--cells 100]
 * [--warmup 20] [--contexts 3] [--languages scala,python|none] [--notebook-cells 200] [--notebook-rounds 20]
 * [--dist product/target/brickworks]}. See README.md.
 */
public final class LanguageBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Map<String, String> RUNTIMES = Map.of("15.4", "15.4.x-scala2.12", "17.3",
            "17.3.x-scala2.13");
    private static final Map<String, String> CELLS = new LinkedHashMap<>(Map.of("scala", "1 + 1", "python", "1 + 1"));

    private final String base;
    private final String token;

    private LanguageBenchmark(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--dist", "product/target/brickworks", "--runtime",
                "15.4", "--cells", "100", "--warmup", "20", "--contexts", "3", "--languages", "scala,python",
                "--notebook-cells", "200", "--notebook-rounds", "20"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!options.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; options: " + options.keySet());
            }
            options.put(args[i], args[i + 1]);
        }
        String runtime = RUNTIMES.getOrDefault(options.get("--runtime"), options.get("--runtime"));
        Path work = Files.createTempDirectory("brickworks-language-bench-");
        Path data = work.resolve("data");
        int port = freePort();
        int sshPort = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(options.get("--dist"), "bin/brickworks").toAbsolutePath()
                .toString()).redirectInput(Redirect.from(new File("/dev/null"))).redirectErrorStream(true)
                .redirectOutput(work.resolve("platform.log").toFile());
        builder.environment().putAll(Map.of("BRICKWORKS_HTTP_HOST", "127.0.0.1", "BRICKWORKS_HTTP_PORT",
                String.valueOf(port), "BRICKWORKS_SSH_PORT", String.valueOf(sshPort), "BRICKWORKS_DATA",
                data.toString()));
        System.out.println("load average " + Files.readString(Path.of("/proc/loadavg")).strip());
        Process platform = builder.start();
        try {
            Path tokenFile = data.resolve("admin-token");
            await(() -> Files.exists(tokenFile) && Files.size(tokenFile) > 0, Duration.ofMinutes(2), "admin token");
            LanguageBenchmark bench = new LanguageBenchmark("http://127.0.0.1:" + port,
                    Files.readString(tokenFile).strip());
            await(() -> bench.status("/api/2.0/clusters/list") == 200, Duration.ofMinutes(2), "the REST API");
            bench.importExport(Integer.parseInt(options.get("--notebook-cells")),
                    Integer.parseInt(options.get("--notebook-rounds")));
            CELLS.keySet().retainAll(List.of(options.get("--languages").split(",")));
            if (!CELLS.isEmpty()) {
                bench.run(runtime, Integer.parseInt(options.get("--cells")), Integer.parseInt(options.get("--warmup")),
                        Integer.parseInt(options.get("--contexts")));
            }
        } finally {
            List<ProcessHandle> tree = Stream.concat(Stream.of(platform.toHandle()), platform.descendants()).toList();
            tree.forEach(ProcessHandle::destroy);
            for (ProcessHandle handle : tree) {
                handle.onExit().get();
            }
            System.out.println("load average " + Files.readString(Path.of("/proc/loadavg")).strip());
        }
    }

    private void run(String runtime, int cells, int warmup, int contexts) throws Exception {
        String cluster = field(post("/api/2.0/clusters/create",
                "{\"cluster_name\":\"language-bench\",\"spark_version\":\"" + runtime + "\",\"num_workers\":0}"),
                "cluster_id");
        await(() -> !field(get("/api/2.0/clusters/get?cluster_id=" + cluster), "state").equals("PENDING"),
                Duration.ofMinutes(4), "cluster " + cluster);
        System.out.printf("runtime %s, cluster %s %s%n", runtime, cluster,
                field(get("/api/2.0/clusters/get?cluster_id=" + cluster), "state"));
        try {
            for (Map.Entry<String, String> cell : CELLS.entrySet()) {
                long[] first = new long[contexts];
                for (int i = 0; i < contexts; i++) {
                    long began = System.nanoTime();
                    String context = createContext(cluster, cell.getKey());
                    runCell(cluster, context, cell.getKey(), cell.getValue());
                    first[i] = System.nanoTime() - began;
                    destroyContext(cluster, context);
                }
                String context = createContext(cluster, cell.getKey());
                for (int i = 0; i < warmup; i++) {
                    runCell(cluster, context, cell.getKey(), cell.getValue());
                }
                long[] warm = new long[cells];
                for (int i = 0; i < cells; i++) {
                    long began = System.nanoTime();
                    runCell(cluster, context, cell.getKey(), cell.getValue());
                    warm[i] = System.nanoTime() - began;
                }
                destroyContext(cluster, context);
                report(cell.getKey(), "first cell after contexts/create", first);
                report(cell.getKey(), "trivial cell `" + cell.getValue() + "` after warm-up", warm);
            }
        } finally {
            post("/api/2.0/clusters/permanent-delete", "{\"cluster_id\":\"" + cluster + "\"}");
        }
    }

    /**
     * Import (overwrite) then export of a SOURCE notebook of {@code cells} cells, {@code rounds} times, each export
     * compared byte for byte with what was imported; baseline: {@code workspace/get-status} of the same notebook.
     */
    private void importExport(int cells, int rounds) throws Exception {
        byte[] source = notebookSource(cells).getBytes(StandardCharsets.UTF_8);
        String content = Base64.getEncoder().encodeToString(source);
        post("/api/2.0/workspace/mkdirs", "{\"path\":\"/Shared/bench\"}");
        long[] imports = new long[rounds];
        long[] exports = new long[rounds];
        long[] statuses = new long[rounds];
        int identical = 0;
        for (int i = 0; i < rounds; i++) {
            long began = System.nanoTime();
            post("/api/2.0/workspace/import", "{\"path\":\"/Shared/bench/nb\",\"format\":\"SOURCE\","
                    + "\"language\":\"PYTHON\",\"overwrite\":true,\"content\":\"" + content + "\"}");
            imports[i] = System.nanoTime() - began;
            began = System.nanoTime();
            String exported = get("/api/2.0/workspace/export?format=SOURCE&path=/Shared/bench/nb");
            exports[i] = System.nanoTime() - began;
            identical += Arrays.equals(source, Base64.getDecoder().decode(field(exported, "content"))) ? 1 : 0;
            began = System.nanoTime();
            get("/api/2.0/workspace/get-status?path=/Shared/bench/nb");
            statuses[i] = System.nanoTime() - began;
        }
        System.out.printf("notebook of %d cells, %d bytes; exports identical to the import: %d of %d%n", cells,
                source.length, identical, rounds);
        report("source", "import " + cells + " cells (overwrite)", imports);
        report("source", "export " + cells + " cells", exports);
        report("source", "baseline: get-status", statuses);
        System.out.printf("RESULT source.import_over_get_status=%.1f%nRESULT source.identical=%d/%d%n",
                percentile(sorted(imports), 50) / percentile(sorted(statuses), 50), identical, rounds);
    }

    /** A Python notebook in Databricks' SOURCE format: code, titled, markdown and SQL cells in turn. */
    private static String notebookSource(int cells) {
        StringBuilder text = new StringBuilder("# Databricks notebook source\n");
        for (int i = 0; i < cells; i++) {
            if (i > 0) {
                text.append("\n# COMMAND ----------\n\n");
            }
            text.append(switch (i % 4) {
            case 0 -> "x" + i + " = " + i + "\nprint(x" + i + ")\n";
            case 1 -> "# DBTITLE 1,Step " + i + "\ndef step" + i + "(n):\n    return n * " + i + "\n";
            case 2 -> "# MAGIC %md\n# MAGIC ## Section " + i + "\n# MAGIC Some *notes* on step " + i + ".\n";
            default -> "# MAGIC %sql\n# MAGIC SELECT " + i + " AS n, 'cell " + i + "' AS label\n";
            });
        }
        return text.toString();
    }

    private static long[] sorted(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    private String createContext(String cluster, String language) throws IOException, InterruptedException {
        return field(post("/api/1.2/contexts/create",
                "{\"clusterId\":\"" + cluster + "\",\"language\":\"" + language + "\"}"), "id");
    }

    private void destroyContext(String cluster, String context) throws IOException, InterruptedException {
        post("/api/1.2/contexts/destroy", "{\"clusterId\":\"" + cluster + "\",\"contextId\":\"" + context + "\"}");
    }

    /** execute, then status until Finished (the platform waits up to 500 ms on the driver per status call). */
    private void runCell(String cluster, String context, String language, String code)
            throws IOException, InterruptedException {
        String command = field(post("/api/1.2/commands/execute", "{\"clusterId\":\"" + cluster + "\",\"contextId\":\""
                + context + "\",\"language\":\"" + language + "\",\"command\":\"" + code + "\"}"), "id");
        String status;
        String answer;
        do {
            answer = get("/api/1.2/commands/status?clusterId=" + cluster + "&contextId=" + context + "&commandId="
                    + command);
            status = field(answer, "status");
        } while (status.equals("Queued") || status.equals("Running"));
        if (!status.equals("Finished")) {
            throw new IllegalStateException(language + " cell ended " + status + ": " + answer);
        }
    }

    private static void report(String language, String what, long[] nanos) {
        long[] sorted = sorted(nanos);
        double p50 = percentile(sorted, 50);
        double p99 = percentile(sorted, 99);
        System.out.printf("%-7s %-40s n=%-4d p50 %8.1f ms  p99 %8.1f ms  max %8.1f ms%n", language, what,
                nanos.length, p50, p99, sorted[sorted.length - 1] / 1e6);
        String key = language + "." + (language.equals("source") ? what.split(" ")[0].replace(":", "")
                : what.startsWith("first") ? "first_cell" : "warm_cell");
        System.out.printf("RESULT %s.p50_ms=%.1f%nRESULT %s.p99_ms=%.1f%n", key, p50, key, p99);
    }

    private static double percentile(long[] sorted, double percent) {
        int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private String get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private String post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private int status(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** A top-level string field of a JSON answer (the answers read here are flat enough for a pattern). */
    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return matcher.group(1);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void await(Check check, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ok(check)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static boolean ok(Check check) {
        try {
            return check.ok();
        } catch (Exception e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
