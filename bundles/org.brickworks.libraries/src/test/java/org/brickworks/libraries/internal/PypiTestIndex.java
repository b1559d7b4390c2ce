package org.brickworks.libraries.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A PEP 503 simple index on 127.0.0.1 serving pure-Python wheels this test writes (a zip with a module, METADATA, WHEEL
 * and RECORD, as {@code pip wheel} would produce for a one-module project).
 */
final class PypiTestIndex implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> wheels = new ConcurrentHashMap<>();
    private final Map<String, String> projects = new ConcurrentHashMap<>();
    final Map<String, Integer> downloads = new ConcurrentHashMap<>();

    PypiTestIndex() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    /** The index URL for pip's {@code --index-url}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/simple/";
    }

    /** Publishes {@code name} {@code version} whose module {@code name_with_underscores} has {@code VALUE = value}. */
    PypiTestIndex publish(String name, String version, String value, String... requires) throws IOException {
        String module = name.replace('-', '_');
        String file = module + "-" + version + "-py3-none-any.whl";
        byte[] wheel = wheel(module, version, "VALUE = " + value + "\n", requires);
        wheels.put(file, wheel);
        projects.merge(name, link(file, wheel), String::concat);
        return this;
    }

    private static String link(String file, byte[] wheel) {
        return "<a href=\"/files/" + file + "#sha256=" + sha256(wheel) + "\">" + file + "</a>\n";
    }

    static byte[] wheel(String module, String version, String source, String... requires) throws IOException {
        String info = module + "-" + version + ".dist-info/";
        StringBuilder metadata = new StringBuilder("Metadata-Version: 2.1\nName: " + module.replace('_', '-')
                + "\nVersion: " + version + "\n");
        for (String requirement : requires) {
            metadata.append("Requires-Dist: ").append(requirement).append('\n');
        }
        Map<String, String> entries = Map.of(module + "/__init__.py", source, info + "METADATA", metadata.toString(),
                info + "WHEEL", "Wheel-Version: 1.0\nGenerator: brickworks-test\nRoot-Is-Purelib: true\n"
                        + "Tag: py3-none-any\n");
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

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = null;
        String type = "text/html";
        if (path.startsWith("/simple/")) {
            String project = path.substring("/simple/".length()).replace("/", "");
            String links = projects.get(project);
            body = links == null ? null
                    : ("<!DOCTYPE html><html><body>\n" + links + "</body></html>").getBytes(StandardCharsets.UTF_8);
        } else if (path.startsWith("/files/")) {
            String file = path.substring("/files/".length());
            body = wheels.get(file);
            type = "application/octet-stream";
            if (body != null) {
                downloads.merge(file, 1, Integer::sum);
            }
        }
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
        } else {
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
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
        server.stop(0);
    }
}
