package org.brickworks.agent.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.brickworks.agent.protocol.CellInterpreterFactory;

/** Jars as a user's or a plugin's build makes them: Java sources compiled by the JDK's compiler, packed by jar API. */
public final class TestJars {
    private TestJars() {
    }

    /** A jar holding {@code bw.test.Greeter} whose {@code static String greet(String name)} answers greeting + name. */
    public static Path greeter(Path dir, String greeting) throws IOException {
        return build(dir, "greeter.jar", "8", Map.of("bw/test/Greeter.java", "package bw.test;\n"
                + "public class Greeter {\n"
                + "  public static String greet(String name) { return \"" + greeting + "\" + name; }\n"
                + "  public static String greet(long n) { return \"" + greeting + "\" + n; }\n"
                + "}\n"), Map.of("bw/test/greeting.txt", greeting));
    }

    /**
     * A plugin language jar: {@code sources} (path to Java source) compiled against the agent protocol, with their
     * {@code factories} (class names) listed as the jar's {@link CellInterpreterFactory} services.
     */
    public static Path language(Path dir, String jarName, Map<String, String> sources, String... factories)
            throws IOException {
        return build(dir, jarName, "17", sources, Map.of("META-INF/services/" + CellInterpreterFactory.class.getName(),
                String.join("\n", factories) + "\n"));
    }

    /** Compiles {@code sources} (against this test's classpath) and packs their classes and {@code resources}. */
    public static Path build(Path dir, String jarName, String release, Map<String, String> sources,
            Map<String, String> resources) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> arguments = new ArrayList<>(List.of("--release", release, "-classpath",
                System.getProperty("java.class.path"), "-d", classes.toString()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            arguments.add(Files.writeString(file, source.getValue()).toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("javac failed: " + status);
        }
        Path jar = dir.resolve(jarName);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                put(jarOut, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
            for (Map.Entry<String, String> resource : resources.entrySet()) {
                put(jarOut, resource.getKey(), resource.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    private static void put(JarOutputStream jar, String name, byte[] content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(content);
        jar.closeEntry();
    }
}
