import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * DBFS throughput: upload then download of one file (1 GiB by default) through the streaming DBFS API (create,
 * add-block of 1 MB, close; and a multipart put; read of 1 MB), against a plain file copy on the same disk (local root)
 * and against the Azure SDK's own upload/download with the same Azurite (a mounted container). Starts the built
 * distribution and Azurite (tests/azurite, npm ci) itself. Run from the repository root with the Azure SDK on the class
 * path:
 *
 * <pre>
 * java -cp "bundles/org.brickworks.dbfs.azure/lib/*:$HOME/.m2/repository/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar" \
 *     releng/bench/DbfsBenchmark.java [--size-mb 1024] [--dist product/target/brickworks]
 * </pre>
 */
public class DbfsBenchmark {
    static final int BLOCK = 1 << 20;
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String ACCOUNT = "devstoreaccount1";
    static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    static String base;
    static String token;

    public static void main(String[] args) throws Exception {
        long sizeMb = 1024;
        Path dist = Path.of("product/target/brickworks");
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
            case "--size-mb" -> sizeMb = Long.parseLong(args[i + 1]);
            case "--dist" -> dist = Path.of(args[i + 1]);
            default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("brickworks-dbfs-bench");
        Process platform = null;
        Process azurite = null;
        try {
            int httpPort = freePort();
            ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/brickworks").toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("platform.log").toFile())
                    .redirectInput(new File("/dev/null"));
            builder.environment().put("BRICKWORKS_HTTP_PORT", String.valueOf(httpPort));
            builder.environment().put("BRICKWORKS_SSH_PORT", String.valueOf(freePort()));
            builder.environment().put("BRICKWORKS_DATA", work.resolve("data").toString());
            platform = builder.start();
            base = "http://127.0.0.1:" + httpPort + "/api/2.0/dbfs/";
            Path tokenFile = work.resolve("data/admin-token");
            await("the platform", () -> Files.exists(tokenFile) && health(httpPort));
            token = Files.readString(tokenFile).trim();

            String loadBefore = loadAverage();
            Path source = work.resolve("source.bin");
            writeRandom(source, sizeMb * BLOCK);
            long bytes = Files.size(source);
            System.out.printf(Locale.ROOT, "File: %d MiB in %s%n", bytes >> 20, work);

            double cacheCopy = rate("file copy, page cache only", bytes,
                    () -> Files.copy(source, work.resolve("copy.bin")));
            Files.delete(work.resolve("copy.bin"));
            double copy = rate("file copy + fsync", bytes, () -> {
                Files.copy(source, work.resolve("copy.bin"));
                return sync(work.resolve("copy.bin"));
            });
            Files.delete(work.resolve("copy.bin"));
            double localUp = rate("local upload (API)", bytes, () -> upload(source, "/bench/big.bin"));
            double localForm = rate("local multipart put (API)", bytes, () -> putForm(source, "/bench/form.bin"));
            double localDown = rate("local download (API)", bytes,
                    () -> download("/bench/big.bin", work.resolve("back.bin")));
            check(source, work.resolve("back.bin"));

            int blobPort = freePort();
            Path main = Path.of("tests/azurite/node_modules/azurite/dist/src/blob/main.js");
            if (!Files.exists(main)) {
                new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(new File("tests/azurite"))
                        .inheritIO().start().waitFor();
            }
            azurite = new ProcessBuilder("node", main.toString(), "--blobHost", "127.0.0.1", "--blobPort",
                    String.valueOf(blobPort), "--location", work.resolve("azurite").toString(), "--skipApiVersionCheck",
                    "--loose", "--disableTelemetry").redirectErrorStream(true)
                    .redirectOutput(work.resolve("azurite.log").toFile()).start();
            await("Azurite", () -> listening(blobPort));
            String connection = "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
                    + ";BlobEndpoint=http://127.0.0.1:" + blobPort + "/" + ACCOUNT + ";";
            BlobContainerClient container = new BlobServiceClientBuilder().connectionString(connection).buildClient()
                    .getBlobContainerClient("bench");
            container.create();
            BlobClient blob = container.getBlobClient("sdk/big.bin");
            double sdkUp = rate("Azure SDK upload", bytes, () -> {
                blob.uploadFromFile(source.toString(), true);
                return null;
            });
            Files.deleteIfExists(work.resolve("sdk.bin"));
            double sdkDown = rate("Azure SDK download + fsync", bytes, () -> {
                blob.downloadToFile(work.resolve("sdk.bin").toString(), true);
                return sync(work.resolve("sdk.bin"));
            });
            Files.delete(work.resolve("sdk.bin"));

            var mount = JSON.createObjectNode().put("source", "wasb://bench@" + ACCOUNT + ".blob.core.windows.net/dbfs")
                    .put("mount_point", "/mnt/bench");
            mount.putObject("extra_configs").put("azure.connection.string", connection);
            call("mount", mount.toString());
            double azureUp = rate("Azure upload (API)", bytes, () -> upload(source, "/mnt/bench/big.bin"));
            double azureForm = rate("Azure multipart put (API)", bytes, () -> putForm(source, "/mnt/bench/form.bin"));
            Files.delete(work.resolve("back.bin"));
            double azureDown = rate("Azure download (API)", bytes,
                    () -> download("/mnt/bench/big.bin", work.resolve("back.bin")));
            check(source, work.resolve("back.bin"));

            System.out.println();
            System.out.printf(Locale.ROOT, "DBFS benchmark, %d MiB, load average %s before, %s after%n", bytes >> 20,
                    loadBefore, loadAverage());
            System.out.println("(MB/s = MiB/s; every transfer ends with its copy durable;"
                    + " ratio = DBFS API / baseline, target >= 0.7)");
            row("local upload (API) vs copy + fsync", localUp, copy);
            row("local multipart put (API) vs copy + fsync", localForm, copy);
            row("local download (API) vs copy + fsync", localDown, copy);
            row("Azure upload (API) vs Azure SDK", azureUp, sdkUp);
            row("Azure multipart put (API) vs Azure SDK", azureForm, sdkUp);
            row("Azure download (API) vs Azure SDK", azureDown, sdkDown);
            System.out.printf(Locale.ROOT, "  (file copy, page cache only, not durable: %.1f MB/s)%n", cacheCopy);
            System.out.printf(Locale.ROOT,
                    "RESULT local_upload_mbs=%.1f local_put_form_mbs=%.1f local_download_mbs=%.1f copy_fsync_mbs=%.1f"
                            + " copy_cache_mbs=%.1f%n", localUp, localForm, localDown, copy, cacheCopy);
            System.out.printf(Locale.ROOT,
                    "RESULT azure_upload_mbs=%.1f azure_put_form_mbs=%.1f azure_download_mbs=%.1f sdk_upload_mbs=%.1f"
                            + " sdk_download_mbs=%.1f%n", azureUp, azureForm, azureDown, sdkUp, sdkDown);
        } finally {
            stop(azurite);
            stop(platform);
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void row(String what, double api, double baseline) {
        System.out.printf(Locale.ROOT, "  %-42s %8.1f MB/s vs %8.1f MB/s  ratio %.2f%n", what, api, baseline,
                api / baseline);
    }

    interface Work {
        Object run() throws Exception;
    }

    static double rate(String what, long bytes, Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        double rate = bytes / 1048576.0 / ((System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "[%s] %.1f MB/s%n", what, rate);
        return rate;
    }

    /**
     * What the Databricks CLI does for a file under 2 GB: one multipart/form-data put, path and overwrite before the
     * file's raw bytes.
     */
    static Void putForm(Path file, String path) throws Exception {
        String boundary = "brickworks-bench-" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"path\"\r\n\r\n" + path + "\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"overwrite\"\r\n\r\ntrue\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"contents\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        post("put", "multipart/form-data; boundary=" + boundary, head.length + Files.size(file) + tail.length, out -> {
            out.write(head);
            Files.copy(file, out);
            out.write(tail);
        });
        return null;
    }

    /**
     * What the Databricks CLI does for a file of 2 GB or more, and the SDKs for any file: one handle, blocks sent one
     * after the other, each base64-encoded by the client into a JSON body (the encoding is part of the measured time).
     */
    static Void upload(Path file, String path) throws Exception {
        long handle = call("create", "{\"path\":\"" + path + "\",\"overwrite\":true}").path("handle").asLong();
        byte[] head = ("{\"handle\":" + handle + ",\"data\":\"").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] block = new byte[BLOCK];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.readNBytes(block, 0, BLOCK)) > 0;) {
                byte[] data = Base64.getEncoder().encode(n == BLOCK ? block : Arrays.copyOf(block, n));
                post("add-block", "application/json", head.length + data.length + tail.length, out -> {
                    out.write(head);
                    out.write(data);
                    out.write(tail);
                });
            }
        }
        call("close", "{\"handle\":" + handle + "}");
        return null;
    }

    /**
     * Reads 1 MB at a time as the CLI and the SDKs do, each answer's data taken from the JSON as a string and decoded
     * by the JDK's decoder (as the Databricks SDK for Java does), into a file that is forced to the disk at the end.
     */
    static Void download(String path, Path file) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING); OutputStream out = Channels.newOutputStream(channel)) {
            for (long offset = 0;; offset += BLOCK) {
                HttpURLConnection connection = connect("read?path=" + path + "&offset=" + offset + "&length=" + BLOCK);
                int read = 0;
                try (InputStream body = answer(connection, "read");
                        JsonParser parser = JSON.getFactory().createParser(body)) {
                    for (JsonToken token; (token = parser.nextToken()) != null;) {
                        if (token == JsonToken.VALUE_STRING && "data".equals(parser.currentName())) {
                            byte[] data = Base64.getDecoder().decode(parser.getText());
                            out.write(data);
                            read = data.length;
                        }
                    }
                }
                if (read == 0) {
                    channel.force(true);
                    return null;
                }
            }
        }
    }

    static JsonNode call(String endpoint, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(endpoint, "application/json", bytes.length, out -> out.write(bytes));
    }

    interface Body {
        void write(OutputStream out) throws IOException;
    }

    /**
     * One request on a blocking, kept-alive connection, as the CLI's and the SDKs' HTTP clients make them (with the
     * JDK's java.net.http client, used before, the same 1 MB reads took 1.7 times as long).
     */
    static JsonNode post(String endpoint, String contentType, long length, Body body) throws IOException {
        HttpURLConnection connection = connect(endpoint);
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Content-Type", contentType);
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(length);
        try (OutputStream out = connection.getOutputStream()) {
            body.write(out);
        }
        try (InputStream in = answer(connection, endpoint)) {
            return JSON.readTree(in);
        }
    }

    static HttpURLConnection connect(String endpoint) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(base + endpoint).toURL().openConnection();
        connection.setRequestProperty("Authorization", "Bearer " + token);
        return connection;
    }

    static InputStream answer(HttpURLConnection connection, String endpoint) throws IOException {
        if (connection.getResponseCode() != 200) {
            try (InputStream error = connection.getErrorStream()) {
                throw new IOException(endpoint + " failed: "
                        + new String(error.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return connection.getInputStream();
    }

    /** Forces a file and its directory entry to the disk, as the platform does before a DBFS upload is visible. */
    static Void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        }
        return null;
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    static void writeRandom(Path file, long bytes) throws IOException {
        Random random = new Random(42);
        byte[] chunk = new byte[8 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
    }

    static void check(Path a, Path b) throws IOException {
        if (Files.mismatch(a, b) != -1) {
            throw new IOException("Downloaded file differs from the source: " + b);
        }
    }

    static boolean health(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/2.0/health"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    interface Condition {
        boolean met() throws Exception;
    }

    static void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.met()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("Timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops a process and its descendants (the platform's metastore server among them). */
    static void stop(Process process) throws InterruptedException {
        if (process != null) {
            java.util.List<ProcessHandle> tree = process.descendants().toList();
            process.destroy();
            tree.forEach(ProcessHandle::destroy);
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
