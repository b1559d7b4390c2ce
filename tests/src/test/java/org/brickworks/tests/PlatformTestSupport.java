package org.brickworks.tests;

import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.junit.Before;

import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What every in-framework test needs: the platform, its REST API over real HTTP, its admin token. */
public abstract class PlatformTestSupport {
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    protected BundleContext context;
    @Inject
    protected CommandProcessor processor;
    /** The admin user's token, as the first start wrote it. */
    protected String admin;

    @Before
    public void platformIsUp() throws IOException {
        awaitPlatform();
        admin = adminToken();
    }

    @Configuration
    public Option[] config() {
        return new Option[] { PlatformOptions.platform() };
    }

    /** An API answer: status and parsed JSON body. */
    public record Answer(int status, JsonNode body) {
        public String errorCode() {
            return body.path("error_code").asText();
        }
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + context.getProperty(PlatformOptions.HTTP_PORT);
    }

    /** Runs a shell command in a fresh Gogo session, as the console and SSH do, and returns what it printed. */
    protected String shell(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
                CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), print, print)) {
            Object result = session.execute(command);
            if (result != null) {
                print.println(session.format(result, Converter.INSPECT));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    protected Path dataDirectory() {
        return Path.of(context.getProperty("brickworks.data"));
    }

    protected String adminToken() throws IOException {
        Path file = dataDirectory().resolve("admin-token");
        await("the admin token file", () -> Files.exists(file));
        return Files.readString(file).trim();
    }

    protected Answer get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).GET().build());
    }

    protected Answer post(String path, String token, String body) throws IOException, InterruptedException {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    protected HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(60));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    protected Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Answer(response.statusCode(), body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body));
    }

    /** Waits for the REST API to answer health checks. */
    protected void awaitPlatform() {
        await("the REST API", () -> {
            try {
                return get("/api/2.0/health", null).status() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    protected static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(20); // polling interval of a condition wait, not a fixed delay
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("Interrupted waiting for " + what);
            }
        }
    }

    /** The one-line message of a shell command that must fail. */
    protected String failure(String command) {
        try {
            shell(command);
        } catch (Exception e) {
            return e.getMessage();
        }
        fail(command + " should have failed");
        return null;
    }
}
