package org.brickworks.tests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A Maven repository in a folder, as {@code mvn deploy} to a file URL lays it out (POM, jar, SHA-1 files), holding a
 * jar of a class this test compiles.
 */
final class MavenFileRepository {
    private final Path root;

    MavenFileRepository(Path root) {
        this.root = root;
    }

    String url() {
        return root.toUri().toString();
    }

    /** Publishes {@code group:artifact:version} with {@code bw.test.Greeter.greet(x)} answering {@code greeting + x}. */
    MavenFileRepository publishGreeter(String coordinates, String greeting) throws IOException {
        String[] gav = coordinates.split(":");
        write(file(gav, "pom"), ("<project><modelVersion>4.0.0</modelVersion><groupId>" + gav[0] + "</groupId>"
                + "<artifactId>" + gav[1] + "</artifactId><version>" + gav[2] + "</version></project>")
                .getBytes(StandardCharsets.UTF_8));
        write(file(gav, "jar"), greeterJar("bw.test", greeting));
        return this;
    }

    /** Replaces the SHA-1 published for the jar of {@code coordinates} with a wrong one. */
    MavenFileRepository corruptChecksum(String coordinates) throws IOException {
        Path jar = file(coordinates.split(":"), "jar");
        Files.writeString(jar.resolveSibling(jar.getFileName() + ".sha1"), "0000000000000000000000000000000000000000");
        return this;
    }

    private Path file(String[] gav, String extension) {
        return root.resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2])
                .resolve(gav[1] + "-" + gav[2] + "." + extension);
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        try {
            Files.writeString(file.resolveSibling(file.getFileName() + ".sha1"),
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A jar of {@code <pkg>.Greeter}, whose {@code greet(x)} answers {@code greeting + x}. */
    static byte[] greeterJar(String pkg, String greeting) throws IOException {
        return compiledJar(pkg + ".Greeter", "package " + pkg + ";\npublic class Greeter {\n"
                + "  public static String greet(String name) { return \"" + greeting + "\" + name; }\n"
                + "  public static String greet(long n) { return \"" + greeting + "\" + n; }\n}\n");
    }

    /** A jar of one class, compiled from {@code source} for Java 8. */
    static byte[] compiledJar(String className, String source) throws IOException {
        Path dir = Files.createTempDirectory("compiled");
        String path = className.replace('.', '/');
        Path file = Files.createDirectories(dir.resolve(path).getParent()).resolve(path.substring(
                path.lastIndexOf('/') + 1) + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, "--release", "8", "-d", dir.toString(), file.toString()) != 0) {
            throw new IllegalStateException("javac failed on " + file);
        }
        Path jar = dir.resolve("compiled.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            jarOut.putNextEntry(new JarEntry(path + ".class"));
            jarOut.write(Files.readAllBytes(dir.resolve(path + ".class")));
            jarOut.closeEntry();
        }
        return Files.readAllBytes(jar);
    }
}
