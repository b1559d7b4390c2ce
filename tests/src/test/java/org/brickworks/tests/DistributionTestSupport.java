package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The built distribution, started as a user starts it: a copy of it per test ({@code home}, data beside it), free HTTP
 * and SSH ports, {@code bin/brickworks} without a terminal, {@code bin/brickworks-client} over SSH, REST with the admin
 * token; the platform is stopped after each test.
 */
public abstract class DistributionTestSupport {
    protected static final HttpClient HTTP = HttpClient.newHttpClient();

    protected Path home;
    protected Path data;
    protected int httpPort;
    protected int sshPort;
    protected Process platform;

    @Before
    public void copyDistribution() throws Exception {
        home = Files.createTempDirectory("brickworks-e2e").resolve("brickworks");
        copy(Features.DISTRIBUTION, home);
        data = home.getParent().resolve("data");
        httpPort = freePort();
        sshPort = freePort();
    }

    @After
    public void stopPlatform() throws Exception {
        stop();
    }

    /** Starts {@code bin/brickworks} without a terminal, as a service manager does. */
    protected void start() throws Exception {
        start(new ProcessBuilder(home.resolve("bin/brickworks").toString())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())));
    }

    protected void start(ProcessBuilder builder) throws Exception {
        builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("platform.log").toFile()));
        environment(builder.environment());
        platform = builder.start();
        await("the platform's health check", () -> get("/api/2.0/health", null) == 200
                && Files.exists(data.resolve("admin-token")) && listening(sshPort));
    }

    protected void stop() throws InterruptedException {
        if (platform != null && platform.isAlive()) {
            platform.destroy();
            if (!platform.waitFor(30, TimeUnit.SECONDS)) {
                platform.destroyForcibly();
                fail("the platform did not stop within 30 s of SIGTERM");
            }
        }
    }

    protected void environment(Map<String, String> environment) {
        environment.put("BRICKWORKS_DATA", data.toString());
        environment.put("BRICKWORKS_HTTP_PORT", Integer.toString(httpPort));
        environment.put("BRICKWORKS_SSH_PORT", Integer.toString(sshPort));
        environment.remove("BRICKWORKS_TOKEN");
    }

    /** What the client printed on stdout ({@code out}) and stderr ({@code err}), and its exit status. */
    protected record Client(int exit, String out, String err) {
        String output() {
            return out + err;
        }
    }

    protected Client client(String... arguments) throws Exception {
        return client(Duration.ofSeconds(60), arguments);
    }

    protected Client client(Duration patience, String... arguments) throws Exception {
        Path err = Files.createTempFile(home.getParent(), "client", ".err");
        Process process = clientProcess(arguments).redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("the client finished", process.waitFor(patience.toSeconds(), TimeUnit.SECONDS));
        return new Client(process.exitValue(), out, Files.readString(err));
    }

    /** {@code bin/brickworks-client} with this platform's port and environment. */
    protected ProcessBuilder clientProcess(String... arguments) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/brickworks-client").toString(), "--port",
                Integer.toString(sshPort), "--known-hosts", home.resolve("known_hosts").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        environment(builder.environment());
        return builder;
    }

    /** The client's outcome, or exit -1 when it could not run, for conditions being waited on. */
    protected Client quietly(String... arguments) {
        try {
            return client(arguments);
        } catch (Exception e) {
            return new Client(-1, "", e.toString());
        }
    }

    protected String bundleList() {
        return quietly("lb", "-s").output();
    }

    protected Path platformLog() {
        return data.resolve("log/brickworks.log");
    }

    /** Neither the platform's console output nor its log holds a stack trace. */
    protected void assertNoStackTrace() throws IOException {
        for (Path file : List.of(home.resolve("platform.log"), platformLog())) {
            String text = read(file);
            assertFalse(file + ":\n" + text,
                    text.matches("(?s).*\\n\\s+at [\\w.$]+\\(.*") || text.contains("Exception"));
        }
    }

    protected static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The id of the cluster named {@code name}, once it is listed. */
    protected String awaitCluster(String name) throws Exception {
        String[] id = new String[1];
        await("cluster " + name, () -> {
            for (JsonNode cluster : list("/api/2.0/clusters/list").path("clusters")) {
                if (name.equals(cluster.path("cluster_name").asText())) {
                    id[0] = cluster.path("cluster_id").asText();
                }
            }
            return id[0] != null;
        });
        return id[0];
    }

    protected JsonNode list(String path) {
        try {
            return new ObjectMapper().readTree(send(HttpRequest.newBuilder(URI.create(url(path))).GET()).body());
        } catch (IOException e) {
            return new ObjectMapper().createObjectNode();
        }
    }

    protected void post(String path, String body) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url(path)))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(response.body(), 200, response.statusCode());
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return HTTP.send(request.header("Authorization", "Bearer " + Files.readString(data.resolve("admin-token"))
                    .trim()).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    protected int get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    protected static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    protected void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, Duration.ofSeconds(90), condition);
    }

    /** Polls {@code condition} until it holds; fails after {@code patience} or when the platform exits. */
    protected void await(String what, Duration patience, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            assertFalse("the platform exited while waiting for " + what, platform != null && !platform.isAlive());
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting for " + what);
            }
            Thread.sleep(50); // polling interval of a condition wait
        }
    }

    protected static Path localRepository() {
        return Path.of(System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("user.home") + "/.m2/repository"));
    }

    protected static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    protected static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
