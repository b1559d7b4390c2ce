package org.brickworks.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A PEP 503 simple index laid out in a folder and served on 127.0.0.1 by Python's own {@code http.server}, with
 * pure-Python wheels this test writes (a module, METADATA, WHEEL and RECORD).
 */
final class PypiIndex implements AutoCloseable {
    private final Path root;
    private final int port;
    private final Process server;

    PypiIndex(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root.resolve("simple"));
        Files.createDirectories(root.resolve("files"));
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = new ProcessBuilder("python3", "-m", "http.server", "--bind", "127.0.0.1", "--directory",
                root.toString(), Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(root.resolveSibling(root.getFileName() + ".log").toFile()).start();
        awaitListening();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/simple/";
    }

    /** Publishes {@code name} {@code version} whose module has {@code VALUE = value}. */
    PypiIndex publish(String name, String version, String value) throws IOException {
        String module = name.replace('-', '_');
        String file = module + "-" + version + "-py3-none-any.whl";
        byte[] wheel = wheel(module, version, "VALUE = " + value + "\n");
        Files.write(root.resolve("files").resolve(file), wheel);
        Path page = Files.createDirectories(root.resolve("simple").resolve(name)).resolve("index.html");
        String links = Files.exists(page) ? Files.readString(page).replace("</body></html>", "") : "<html><body>\n";
        Files.writeString(page, links + "<a href=\"../../files/" + file + "#sha256=" + sha256(wheel) + "\">" + file
                + "</a>\n</body></html>");
        return this;
    }

    private static byte[] wheel(String module, String version, String source) throws IOException {
        return wheel(module, version, source, Map.of());
    }

    /** A wheel of {@code module} with {@code source} as its {@code __init__.py} and more files in its dist-info. */
    static byte[] wheel(String module, String version, String source, Map<String, String> distInfo)
            throws IOException {
        String info = module + "-" + version + ".dist-info/";
        Map<String, String> entries = new HashMap<>(Map.of(module + "/__init__.py", source,
                info + "METADATA",
                "Metadata-Version: 2.1\nName: " + module.replace('_', '-') + "\nVersion: " + version + "\n",
                info + "WHEEL", "Wheel-Version: 1.0\nGenerator: brickworks-test\nRoot-Is-Purelib: true\n"
                        + "Tag: py3-none-any\n"));
        distInfo.forEach((name, text) -> entries.put(info + name, text));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            StringBuilder record = new StringBuilder();
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                record.append(entry.getKey()).append(",,\n");
            }
            zip.putNextEntry(new ZipEntry(info + "RECORD"));
            zip.write(record.append(info).append("RECORD,,\n").toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private void awaitListening() throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (!server.isAlive() || Instant.now().isAfter(deadline)) {
                    server.destroyForcibly();
                    throw new IOException("python3 -m http.server did not listen on " + port, e);
                }
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.destroy();
    }
}
