package org.brickworks.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** A library jar as a user's build makes it: Java source compiled by the JDK's compiler, packed with the jar API. */
final class TestLibraryJar {
    private TestLibraryJar() {
    }

    /** A jar holding {@code bw.test.Greeter} with {@code static String greet(String name)} answering {@code greeting + name}. */
    static Path greeter(Path dir, String greeting) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src/bw/test"));
        Path source = Files.writeString(sources.resolve("Greeter.java"), "package bw.test;\n"
                + "public class Greeter {\n"
                + "  public static String greet(String name) { return \"" + greeting + "\" + name; }\n"
                + "  public static String greet(long n) { return \"" + greeting + "\" + n; }\n"
                + "}\n");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "--release", "8", "-d", classes.toString(), source.toString());
        if (status != 0) {
            throw new IllegalStateException("javac failed: " + status);
        }
        Path jar = dir.resolve("greeter.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            for (String name : List.of("bw/test/Greeter.class")) {
                jarOut.putNextEntry(new JarEntry(name));
                jarOut.write(Files.readAllBytes(classes.resolve(name)));
                jarOut.closeEntry();
            }
            jarOut.putNextEntry(new JarEntry("bw/test/greeting.txt"));
            jarOut.write(greeting.getBytes(StandardCharsets.UTF_8));
            jarOut.closeEntry();
        }
        return jar;
    }
}
