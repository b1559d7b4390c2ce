package org.brickworks.tests;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Azurite, the Azure Storage emulator from the npm registry ({@code tests/azurite/package.json}, installed by
 * {@code npm ci} there; .ci/run does it), serving Blob Storage on 127.0.0.1 at a free port, in memory, until closed.
 * Uses the emulator's well-known development account.
 */
final class Azurite implements AutoCloseable {
    static final String ACCOUNT = "devstoreaccount1";
    static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final Path HOME = Features.ROOT.resolve("tests/azurite");

    private final Process process;
    private final int port;

    private Azurite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Azurite start(Path work) throws IOException, InterruptedException {
        Path main = HOME.resolve("node_modules/azurite/dist/src/blob/main.js");
        if (!Files.exists(main)) {
            // Not the test JVM's stdin: node makes it non-blocking, and surefire's command channel then fails.
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(HOME.toFile())
                    .inheritIO().redirectInput(new File("/dev/null")).start();
            if (npm.waitFor() != 0 || !Files.exists(main)) {
                throw new IOException("npm ci in " + HOME + " did not install Azurite");
            }
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(work);
        Process process = new ProcessBuilder("node", main.toString(), "--blobHost", "127.0.0.1", "--blobPort",
                String.valueOf(port), "--inMemoryPersistence", "--extentMemoryLimit", "1024", "--skipApiVersionCheck",
                "--loose", "--disableTelemetry").directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("azurite.log").toFile()).redirectInput(new File("/dev/null")).start();
        Azurite azurite = new Azurite(process, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!azurite.listening()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                azurite.close();
                throw new IOException("Azurite did not start; see " + work.resolve("azurite.log"));
            }
            Thread.sleep(50); // polling interval of a condition wait
        }
        return azurite;
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port + "/" + ACCOUNT;
    }

    String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY + ";BlobEndpoint="
                + endpoint() + ";";
    }

    /** Creates a container with a Shared Key signed request (no SDK in the test bundle). */
    void createContainer(String name) throws IOException, InterruptedException {
        put(name, "restype", "container", Map.of(), 201);
    }

    /** Takes an infinite lease on a blob: writes without its lease id, staging blocks among them, are refused. */
    void lease(String container, String blob) throws IOException, InterruptedException {
        put(container + "/" + blob, "comp", "lease",
                Map.of("x-ms-lease-action", "acquire", "x-ms-lease-duration", "-1"), 201);
    }

    private void put(String resource, String queryName, String queryValue, Map<String, String> headers, int expected)
            throws IOException, InterruptedException {
        Map<String, String> signed = new TreeMap<>(headers);
        signed.put("x-ms-date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        signed.put("x-ms-version", "2021-08-06");
        List<String> toSign = new ArrayList<>(List.of("PUT", "", "", "", "", "", "", "", "", "", "", ""));
        signed.forEach((header, value) -> toSign.add(header + ":" + value));
        toSign.add("/" + ACCOUNT + "/" + ACCOUNT + "/" + resource + "\n" + queryName + ":" + queryValue);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(KEY), "HmacSHA256"));
            String signature = Base64.getEncoder()
                    .encodeToString(mac.doFinal(String.join("\n", toSign).getBytes(StandardCharsets.UTF_8)));
            HttpRequest.Builder request = HttpRequest
                    .newBuilder(URI.create(endpoint() + "/" + resource + "?" + queryName + "=" + queryValue))
                    .header("Authorization", "SharedKey " + ACCOUNT + ":" + signature)
                    .PUT(HttpRequest.BodyPublishers.noBody());
            signed.forEach(request::header);
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IOException("Azurite refused " + queryName + "=" + queryValue + " on " + resource + ": "
                        + response.statusCode() + " " + response.body());
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
