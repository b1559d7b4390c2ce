package org.brickworks.libraries.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A Maven repository laid out in a folder, as a test writes it: POMs, jars and their {@code .sha1} files. */
final class FileRepository {
    private final Path root;

    FileRepository(Path root) {
        this.root = root;
    }

    String url() {
        return root.toUri().toString();
    }

    /** Publishes {@code group:artifact:version} with a jar of {@code content} and the given dependencies (g:a:v). */
    FileRepository publish(String coordinates, String content, String... dependencies) throws IOException {
        String[] parts = coordinates.split(":");
        StringBuilder pom = new StringBuilder(
                "<project><modelVersion>4.0.0</modelVersion><groupId>" + parts[0] + "</groupId><artifactId>" + parts[1]
                        + "</artifactId><version>" + parts[2] + "</version><dependencies>");
        for (String dependency : dependencies) {
            String[] d = dependency.split(":");
            pom.append("<dependency><groupId>" + d[0] + "</groupId><artifactId>" + d[1] + "</artifactId><version>"
                    + d[2] + "</version></dependency>");
        }
        pom.append("</dependencies></project>");
        write(file(parts, "pom"), pom.toString().getBytes(StandardCharsets.UTF_8));
        write(file(parts, "jar"), content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Replaces the published SHA-1 of {@code coordinates}' jar with a wrong one. */
    FileRepository corruptChecksum(String coordinates) throws IOException {
        Files.writeString(sha1File(file(coordinates.split(":"), "jar")), "0000000000000000000000000000000000000000");
        return this;
    }

    Path jar(String coordinates) {
        return file(coordinates.split(":"), "jar");
    }

    private Path file(String[] gav, String extension) {
        return root.resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2])
                .resolve(gav[1] + "-" + gav[2] + "." + extension);
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Files.writeString(sha1File(file), Sha1.of(file));
    }

    private static Path sha1File(Path file) {
        return file.resolveSibling(file.getFileName() + ".sha1");
    }
}
