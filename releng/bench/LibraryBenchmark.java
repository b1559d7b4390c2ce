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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Library resolution and installation, measured on a built distribution (see README.md, "Libraries benchmark"):
 * cold and warm resolution of a real Maven closure by the platform (Apache Maven Resolver, parallel downloads) against
 * {@code mvn dependency:copy-dependencies} of the same closure into an empty local repository, in the same run, and the
 * time from {@code libraries/install} to INSTALLED on a running cluster for a cached library. Only the JDK is used.
 */
public class LibraryBenchmark {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Pattern RESOLVED = Pattern.compile("Resolved .*: (\\d+) files in (\\d+) ms");

    record Options(Path dist, String artifact, int runs, int warmRuns, String runtime) {
        static Options parse(String[] args) {
            Options o = new Options(Path.of("product/target/brickworks"),
                    "com.fasterxml.jackson.dataformat:jackson-dataformat-xml:2.18.2", 3, 5, "15.4.x-scala2.12");
            for (int i = 0; i + 1 < args.length; i += 2) {
                o = switch (args[i]) {
                case "--dist" -> new Options(Path.of(args[i + 1]), o.artifact, o.runs, o.warmRuns, o.runtime);
                case "--artifact" -> new Options(o.dist, args[i + 1], o.runs, o.warmRuns, o.runtime);
                case "--runs" -> new Options(o.dist, o.artifact, Integer.parseInt(args[i + 1]), o.warmRuns, o.runtime);
                case "--warm-runs" -> new Options(o.dist, o.artifact, o.runs, Integer.parseInt(args[i + 1]), o.runtime);
                case "--runtime" -> new Options(o.dist, o.artifact, o.runs, o.warmRuns, args[i + 1]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
                };
            }
            return o;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path work = Files.createTempDirectory("brickworks-libbench");
        Path dist = work.resolve("dist");
        copy(options.dist(), dist);
        // The platform must download the closure as Maven does: no runtime cache or ~/.m2 to read from.
        Files.writeString(dist.resolve("etc/org.brickworks.libraries.cfg"), "readLocalRepositories=false\n");
        Path data = work.resolve("data");
        int[] ports = freePorts();
        Process platform = startPlatform(dist, data, ports, work.resolve("platform.log"));
        try {
            awaitHealthy(ports[0], platform);
            String token = adminToken(data.resolve("admin-token"));
            System.out.printf("Platform up; artifact %s%n", options.artifact());
            List<Long> cold = new ArrayList<>();
            int files = 0;
            for (int run = 0; run < options.runs(); run++) {
                client(dist, data, ports[1], "bw:lib-cache", "--purge");
                long[] resolved = resolve(dist, data, ports[1], options.artifact());
                files = (int) resolved[0];
                cold.add(resolved[1]);
                System.out.printf("platform cold #%d: %d files in %d ms%n", run + 1, files, resolved[1]);
            }
            List<Long> warm = new ArrayList<>();
            for (int run = 0; run < options.warmRuns(); run++) {
                warm.add(resolve(dist, data, ports[1], options.artifact())[1]);
            }
            System.out.printf("platform warm: %s ms%n", warm);
            List<Long> maven = mavenCold(work, options);
            long installed = installOnCluster(ports[0], token, options);
            report(options, files, cold, warm, maven, installed);
        } finally {
            stop(platform);
        }
        deleteTree(work);
    }

    /** {@code [files, millis]} as {@code bw:lib-resolve} measured it inside the platform. */
    static long[] resolve(Path dist, Path data, int sshPort, String artifact) throws Exception {
        String out = client(dist, data, sshPort, "bw:lib-resolve", "mvn:" + artifact);
        Matcher matcher = RESOLVED.matcher(out);
        if (!matcher.find()) {
            throw new IllegalStateException("bw:lib-resolve said: " + out);
        }
        return new long[] { Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)) };
    }

    /**
     * {@code mvn dependency:copy-dependencies} of a one-dependency POM into a local repository that holds Maven's
     * plugins (a first run fetches them) but none of the closure: each run deletes the closure's artifacts (and
     * Jackson's parent POMs) from it first, so only the closure is downloaded, as the platform downloads it.
     */
    static List<Long> mavenCold(Path work, Options options) throws Exception {
        String[] gav = options.artifact().split(":");
        Path project = Files.createDirectories(work.resolve("mvn"));
        Files.writeString(project.resolve("pom.xml"), "<project><modelVersion>4.0.0</modelVersion>"
                + "<groupId>bench</groupId><artifactId>bench</artifactId><version>1</version>"
                + "<dependencies><dependency><groupId>" + gav[0] + "</groupId><artifactId>" + gav[1]
                + "</artifactId><version>" + gav[2] + "</version></dependency></dependencies></project>");
        Path repository = work.resolve("m2");
        Path out = project.resolve("out");
        mvn(project, repository, out); // fetches the plugins; not measured
        List<String> jars;
        try (Stream<Path> list = Files.list(out)) {
            jars = list.map(p -> p.getFileName().toString()).toList();
        }
        List<Long> times = new ArrayList<>();
        for (int run = 0; run < options.runs(); run++) {
            forgetClosure(repository, jars, gav[0]);
            deleteTree(out);
            long began = System.nanoTime();
            mvn(project, repository, out);
            times.add((System.nanoTime() - began) / 1_000_000);
            System.out.printf("mvn cold #%d: %d jars in %d ms%n", run + 1, jars.size(), times.get(run));
        }
        // The same command with everything in the local repository: Maven's own start-up and model building.
        long warmBest = Long.MAX_VALUE;
        for (int run = 0; run < options.runs(); run++) {
            deleteTree(out);
            long began = System.nanoTime();
            mvn(project, repository, out);
            warmBest = Math.min(warmBest, (System.nanoTime() - began) / 1_000_000);
        }
        System.out.printf("mvn warm (nothing to download), best: %d ms%n", warmBest);
        times.add(0, warmBest); // first element: the warm baseline
        return times;
    }

    static void mvn(Path project, Path repository, Path out) throws Exception {
        Path mvnw = Path.of("mvnw").toAbsolutePath();
        run(project, List.of(mvnw.toString(), "-B", "-q", "-Dmaven.repo.local=" + repository,
                "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies",
                "-DoutputDirectory=" + out, "-DincludeScope=runtime"));
    }

    static void forgetClosure(Path repository, List<String> jars, String group) throws IOException {
        try (Stream<Path> walk = Files.walk(repository)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                if (jars.contains(file.getFileName().toString())) {
                    deleteTree(file.getParent());
                }
            }
        }
        if (group.startsWith("com.fasterxml.")) {
            deleteTree(repository.resolve("com/fasterxml")); // Jackson's parent POMs and BOM, used by nothing else
        }
    }

    /** Creates a cluster, waits for RUNNING, installs the (cached) artifact and times it to INSTALLED. */
    static long installOnCluster(int httpPort, String token, Options options) throws Exception {
        String created = api(httpPort, token, "POST", "/api/2.0/clusters/create", "{\"cluster_name\":\"libbench\","
                + "\"spark_version\":\"" + options.runtime() + "\"}");
        String id = field(created, "cluster_id");
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!"RUNNING".equals(field(api(httpPort, token, "GET", "/api/2.0/clusters/get?cluster_id=" + id, null),
                "state"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Cluster " + id + " did not run");
            }
            Thread.sleep(200);
        }
        long began = System.nanoTime();
        api(httpPort, token, "POST", "/api/2.0/libraries/install", "{\"cluster_id\":\"" + id
                + "\",\"libraries\":[{\"maven\":{\"coordinates\":\"" + options.artifact() + "\"}}]}");
        while (!api(httpPort, token, "GET", "/api/2.0/libraries/cluster-status?cluster_id=" + id, null)
                .contains("\"INSTALLED\"")) {
            if (System.nanoTime() > began + Duration.ofMinutes(2).toNanos()) {
                throw new IllegalStateException("The library was not INSTALLED");
            }
            Thread.sleep(5);
        }
        long millis = (System.nanoTime() - began) / 1_000_000;
        System.out.printf("install -> INSTALLED on cluster %s: %d ms%n", id, millis);
        api(httpPort, token, "POST", "/api/2.0/clusters/permanent-delete", "{\"cluster_id\":\"" + id + "\"}");
        return millis;
    }

    static void report(Options options, int files, List<Long> cold, List<Long> warm, List<Long> maven,
            long installed) {
        long coldBest = cold.stream().min(Long::compare).orElseThrow();
        long mavenWarm = maven.get(0);
        maven = maven.subList(1, maven.size());
        long mavenBest = maven.stream().min(Long::compare).orElseThrow();
        long warmMedian = warm.stream().sorted().toList().get(warm.size() / 2);
        System.out.printf("%n%-44s %10s%n", "closure of " + options.artifact(), files + " jars");
        System.out.printf("%-44s %7d ms   (runs %s)%n", "platform, cold (empty cache), best", coldBest, cold);
        System.out.printf("%-44s %7d ms   (runs %s)%n", "mvn dependency:copy-dependencies, cold, best", mavenBest,
                maven);
        System.out.printf("%-44s %7.2f%n", "ratio platform / mvn (cold)", coldBest / (double) mavenBest);
        System.out.printf("%-44s %7d ms   (Maven's start-up and model building)%n",
                "mvn, same command, all cached, best", mavenWarm);
        System.out.printf("%-44s %7.2f%n", "ratio platform / (mvn cold - mvn cached)",
                coldBest / (double) Math.max(1, mavenBest - mavenWarm));
        System.out.printf("%-44s %7s%n", "load average at the end", loadAverage());
        System.out.printf("%-44s %7d ms   (runs %s)%n", "platform, warm (cached), median", warmMedian, warm);
        System.out.printf("%-44s %7d ms%n", "install -> INSTALLED, cached, running cluster", installed);
        System.out.printf("RESULT cold_ms=%d mvn_cold_ms=%d mvn_cached_ms=%d ratio=%.2f warm_ms=%d install_ms=%d%n",
                coldBest, mavenBest, mavenWarm, coldBest / (double) mavenBest, warmMedian, installed);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "n/a";
        }
    }

    static String client(Path dist, Path data, int sshPort, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(dist.resolve("bin/brickworks-client").toString()));
        line.addAll(Arrays.asList(command));
        ProcessBuilder builder = new ProcessBuilder(line).directory(dist.toFile()).redirectErrorStream(true);
        builder.environment().put("BRICKWORKS_DATA", data.toString());
        builder.environment().put("BRICKWORKS_SSH_PORT", String.valueOf(sshPort));
        return run(builder);
    }

    static String run(Path directory, List<String> command) throws Exception {
        return run(new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true));
    }

    static String run(ProcessBuilder builder) throws Exception {
        Process process = builder.redirectInput(Redirect.from(new File("/dev/null"))).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(builder.command() + " failed:\n" + out);
        }
        return out;
    }

    static String api(int port, String token, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, BodyHandlers.ofString()).body();
    }

    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return matcher.find() ? matcher.group(1) : "";
    }

    static Process startPlatform(Path dist, Path data, int[] ports, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/brickworks").toString()).directory(dist.toFile())
                .redirectInput(Redirect.from(new File("/dev/null"))).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("BRICKWORKS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("BRICKWORKS_HTTP_PORT", String.valueOf(ports[0]));
        builder.environment().put("BRICKWORKS_SSH_PORT", String.valueOf(ports[1]));
        builder.environment().put("BRICKWORKS_DATA", data.toString());
        return builder.start();
    }

    static void awaitHealthy(int port, Process platform) throws Exception {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/2.0/health")).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try {
                if (HTTP.send(health, BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                if (!platform.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("The platform did not start", e);
                }
            }
            Thread.sleep(50);
        }
    }

    /** The first start writes the admin token a moment after the REST API answers. */
    static String adminToken(Path file) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No " + file);
            }
            Thread.sleep(50);
        }
        return Files.readString(file).strip();
    }

    /** Stops the platform (it terminates its drivers) and waits for its process tree. */
    static void stop(Process platform) throws InterruptedException {
        List<ProcessHandle> tree = platform.descendants().toList();
        platform.destroy();
        if (!platform.waitFor(30, TimeUnit.SECONDS)) {
            platform.destroyForcibly();
        }
        tree.forEach(child -> child.onExit().orTimeout(20, TimeUnit.SECONDS));
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    static int[] freePorts() throws IOException {
        try (ServerSocket http = new ServerSocket(0); ServerSocket ssh = new ServerSocket(0)) {
            return new int[] { http.getLocalPort(), ssh.getLocalPort() };
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.filter(p -> !p.startsWith(from.resolve("data"))).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
