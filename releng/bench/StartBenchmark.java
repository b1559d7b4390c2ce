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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Start to ready, Brickworks against Apache Karaf with its {@code http} feature, measured side by side in one run
 * (alternating starts, so both see the same load), and Brickworks' idle RSS after a start.
 * <ul>
 * <li>Brickworks is ready when the first authenticated {@code GET /api/2.0/preview/scim/v2/Me} (the admin token of a
 * fresh data directory) answers 200.</li>
 * <li>Karaf is ready when its HTTP port first answers anything (a 404 is an answer): a fresh copy of the distribution
 * with {@code http} added to {@code featuresBoot}.</li>
 * </ul>
 *
 * <pre>java releng/bench/StartBenchmark.java [--dist product/target/brickworks] [--runs 5] [--karaf-version 4.4.8]
 *     [--idle-seconds 5]</pre>
 *
 * Karaf's tar.gz is taken from the local Maven repository, or downloaded from Maven Central into
 * {@code releng/bench/target}. Only JDK classes, so that the JDK 17 source launcher runs it. See README.md.
 */
public final class StartBenchmark {
    static final String ME = "/api/2.0/preview/scim/v2/Me";
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    static final double TARGET_MS = 1_600;
    static final double TARGET_RATIO = 0.35;
    static final double TARGET_RSS_MB = 150;

    public static void main(String[] args) throws Exception {
        Path dist = Path.of("product/target/brickworks");
        int runs = 5;
        String karafVersion = "4.4.8";
        int idleSeconds = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dist" -> dist = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--karaf-version" -> karafVersion = args[++i];
                case "--idle-seconds" -> idleSeconds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --dist DIR --runs N --karaf-version V --idle-seconds N");
            }
        }
        if (!Files.isExecutable(dist.resolve("bin/brickworks"))) {
            throw new IllegalStateException(dist + "/bin/brickworks not found: ./mvnw -B -DskipTests package first");
        }
        Path work = Files.createTempDirectory("brickworks-start-bench-");
        Path karafHome = unpackKaraf(karafTarGz(karafVersion), work.resolve("karaf-pristine"));
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        System.out.printf(Locale.ROOT, "[bench] %d cores, load average before: %s%n",
                Runtime.getRuntime().availableProcessors(), loadBefore);
        // One start of each, not counted: fills the page cache, and Karaf's Maven cache with the http feature's bundles
        stop(startBrickworks(dist, work.resolve("bw-warmup")).process);
        stop(startKaraf(karafHome, work.resolve("karaf-warmup"), karafVersion).process);
        System.out.println("[bench] warm-up starts done");
        List<Double> brickworks = new ArrayList<>();
        List<Double> healthy = new ArrayList<>();
        List<Double> karaf = new ArrayList<>();
        long rssKb = -1;
        long withChildrenKb = -1;
        for (int run = 1; run <= runs; run++) {
            boolean last = run == runs;
            Started b = startBrickworks(dist, work.resolve("bw-" + run));
            brickworks.add(b.millis);
            healthy.add(b.healthMillis);
            System.out.printf(Locale.ROOT, "[brickworks] run %d: ready in %.0f ms, health 200 in %.0f ms%n", run,
                    b.millis, b.healthMillis);
            if (last) {
                Thread.sleep(idleSeconds * 1000L);
                rssKb = rssKb(Stream.of(b.process.toHandle()));
                withChildrenKb = rssKb(Stream.concat(Stream.of(b.process.toHandle()), b.process.descendants()));
                System.out.printf(Locale.ROOT, "[brickworks] idle RSS after %d s: %.1f MB (%.1f MB with its child "
                        + "processes: the shared catalog's Derby server)%n", idleSeconds, rssKb / 1024.0,
                        withChildrenKb / 1024.0);
            }
            stop(b.process);
            Started k = startKaraf(karafHome, work.resolve("karaf-" + run), karafVersion);
            karaf.add(k.millis);
            System.out.printf(Locale.ROOT, "[karaf] run %d: first HTTP answer in %.0f ms%n", run, k.millis);
            stop(k.process);
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        double bw = median(brickworks);
        double kf = median(karaf);
        double ratio = bw / kf;
        System.out.println();
        System.out.printf(Locale.ROOT, "load average before %s, after %s (%d cores)%n", loadBefore, loadAfter,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-44s %10s  %s%n", "figure (median of " + runs + ")", "value", "target");
        System.out.printf(Locale.ROOT, "%-44s %7.0f ms  <= %.0f ms %s%n", "Brickworks start to ready (scim/v2/Me 200)",
                bw, TARGET_MS, verdict(bw <= TARGET_MS));
        System.out.printf(Locale.ROOT, "%-44s %7.0f ms%n", "Brickworks start to health 200 (every area)",
                median(healthy));
        System.out.printf(Locale.ROOT, "%-44s %7.0f ms%n", "Karaf " + karafVersion + " + http, first HTTP answer", kf);
        System.out.printf(Locale.ROOT, "%-44s %10.2f  <= %.2f %s%n", "ratio Brickworks / Karaf", ratio,
                TARGET_RATIO, verdict(ratio <= TARGET_RATIO));
        System.out.printf(Locale.ROOT, "%-44s %7.1f MB  <= %.0f MB %s%n", "Brickworks idle RSS (platform JVM)",
                rssKb / 1024.0, TARGET_RSS_MB, verdict(rssKb / 1024.0 <= TARGET_RSS_MB));
        System.out.printf(Locale.ROOT, "%-44s %7.1f MB%n", "  with the metastore's Derby JVM", withChildrenKb / 1024.0);
        System.out.printf(Locale.ROOT, "RESULT brickworks_ready_ms_median=%.0f%n", bw);
        System.out.printf(Locale.ROOT, "RESULT karaf_http_ms_median=%.0f%n", kf);
        System.out.printf(Locale.ROOT, "RESULT ratio=%.3f%n", ratio);
        System.out.printf(Locale.ROOT, "RESULT brickworks_idle_rss_mb=%.1f%n", rssKb / 1024.0);
        System.out.printf(Locale.ROOT, "RESULT brickworks_idle_rss_with_children_mb=%.1f%n", withChildrenKb / 1024.0);
        System.out.printf(Locale.ROOT, "RESULT brickworks_health_ms_median=%.0f%n", median(healthy));
        System.out.println("RESULT brickworks_ready_ms=" + brickworks);
        System.out.println("RESULT karaf_http_ms=" + karaf);
        deleteTree(work);
    }

    /** {@code healthMillis}: to the first {@code GET /api/2.0/health} 200 (every area bound), Brickworks only. */
    record Started(Process process, double millis, double healthMillis) {
    }

    static Started startBrickworks(Path dist, Path data) throws Exception {
        int[] ports = freePorts(2);
        ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/brickworks").toAbsolutePath().toString());
        builder.environment().put("BRICKWORKS_HTTP_PORT", String.valueOf(ports[0]));
        builder.environment().put("BRICKWORKS_SSH_PORT", String.valueOf(ports[1]));
        builder.environment().put("BRICKWORKS_DATA", data.toAbsolutePath().toString());
        Files.createDirectories(data);
        long start = System.nanoTime();
        Process process = launch(builder, data.resolve("console.log"));
        URI me = URI.create("http://127.0.0.1:" + ports[0] + ME);
        Path tokenFile = data.resolve("admin-token");
        while (true) {
            check(process, start, data.resolve("log/brickworks.log"));
            if (Files.isReadable(tokenFile)) {
                String token = Files.readString(tokenFile).trim();
                if (!token.isEmpty() && status(HttpRequest.newBuilder(me).header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(5)).build()) == 200) {
                    double ready = (System.nanoTime() - start) / 1e6;
                    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[0]
                            + "/api/2.0/health")).timeout(Duration.ofSeconds(10)).build();
                    while (status(health) != 200) {
                        check(process, start, data.resolve("log/brickworks.log"));
                        Thread.sleep(5);
                    }
                    return new Started(process, ready, (System.nanoTime() - start) / 1e6);
                }
            }
            Thread.sleep(5);
        }
    }

    static Started startKaraf(Path pristine, Path home, String version) throws Exception {
        copyTree(pristine, home);
        int[] ports = freePorts(4);
        Path etc = home.resolve("etc");
        Path features = etc.resolve("org.apache.karaf.features.cfg");
        // featuresBoot = \ followed by one feature a line: http goes first
        Files.writeString(features, Files.readString(features).replaceFirst("(?m)^featuresBoot\\s*=\\s*\\\\$",
                "featuresBoot = \\\\\n    http, \\\\"));
        Files.writeString(etc.resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port = " + ports[0] + "\n");
        replaceProperty(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort", String.valueOf(ports[1]));
        replaceProperty(etc.resolve("org.apache.karaf.management.cfg"), "rmiRegistryPort", String.valueOf(ports[2]));
        replaceProperty(etc.resolve("org.apache.karaf.management.cfg"), "rmiServerPort", String.valueOf(ports[3]));
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server");
        long start = System.nanoTime();
        Process process = launch(builder, home.resolve("console.log"));
        HttpRequest any = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[0] + "/"))
                .timeout(Duration.ofSeconds(5)).build();
        while (status(any) < 0) {
            check(process, start, home.resolve("data/log/karaf.log"));
            Thread.sleep(5);
        }
        return new Started(process, (System.nanoTime() - start) / 1e6, Double.NaN);
    }

    static void replaceProperty(Path file, String key, String value) throws IOException {
        String text = Files.readString(file);
        String replaced = text.replaceFirst("(?m)^\\s*#?\\s*" + key + "\\s*=.*$", key + " = " + value);
        Files.writeString(file, replaced.equals(text) ? text + "\n" + key + " = " + value + "\n" : replaced);
    }

    static Process launch(ProcessBuilder builder, Path log) throws IOException {
        return builder.redirectInput(Redirect.from(new File("/dev/null"))).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    static void check(Process process, long start, Path log) throws IOException {
        String why = !process.isAlive() ? "exited with " + process.exitValue()
                : System.nanoTime() - start > START_TIMEOUT.toNanos() ? "not ready in " + START_TIMEOUT : null;
        if (why != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            throw new IllegalStateException(why + "; end of " + log + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
        }
    }

    /** -1 when nothing answers, else the HTTP status. */
    static int status(HttpRequest request) throws InterruptedException {
        try {
            return CLIENT.send(request, BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        for (ProcessHandle handle : all) {
            while (handle.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            handle.destroyForcibly();
        }
    }

    /** Resident set of processes, from /proc. */
    static long rssKb(Stream<ProcessHandle> processes) throws IOException {
        long total = 0;
        for (ProcessHandle handle : processes.toList()) {
            for (String line : Files.readAllLines(Path.of("/proc/" + handle.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    total += Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        }
        return total;
    }

    static Path karafTarGz(String version) throws Exception {
        String relative = "org/apache/karaf/apache-karaf/" + version + "/apache-karaf-" + version + ".tar.gz";
        Path local = Path.of(System.getProperty("user.home"), ".m2/repository", relative);
        if (Files.isReadable(local)) {
            return local;
        }
        Path target = Path.of("releng/bench/target", "apache-karaf-" + version + ".tar.gz");
        if (!Files.isReadable(target)) {
            Files.createDirectories(target.getParent());
            URI uri = URI.create("https://repo.maven.apache.org/maven2/" + relative);
            System.out.println("[karaf] downloading " + uri);
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            HttpClient download = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
            var response = download.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                throw new IOException(uri + " answered " + response.statusCode());
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    static Path unpackKaraf(Path tarGz, Path into) throws Exception {
        Files.createDirectories(into);
        Process tar = new ProcessBuilder("tar", "xzf", tarGz.toAbsolutePath().toString(), "-C", into.toString(),
                "--strip-components=1").inheritIO().start();
        if (tar.waitFor() != 0) {
            throw new IOException("tar xzf " + tarGz + " failed");
        }
        return into;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path copy = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    static int[] freePorts(int count) throws IOException {
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

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String verdict(boolean met) {
        return met ? "met" : "NOT MET";
    }

    private StartBenchmark() {
    }
}
