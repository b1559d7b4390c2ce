package org.brickworks.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A new build of a shipped bundle, made the way a developer makes one: one source file changed, recompiled, and the
 * bundle repackaged with a higher version. Used to update a running bundle.
 */
final class NewBuild {
    private final Path sourceRoot;
    private final String className;
    private final String before;
    private final String after;

    NewBuild(Path sourceRoot, String className, String before, String after) {
        this.sourceRoot = sourceRoot;
        this.className = className;
        this.before = before;
        this.after = after;
    }

    /** The bundle {@code jar} with {@code className} recompiled from its changed source and {@code version}. */
    byte[] of(Path jar, String version) throws IOException {
        Path work = Files.createTempDirectory("new-build");
        Path source = work.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        String original = Files.readString(sourceRoot.resolve(className.replace('.', '/') + ".java"));
        if (!original.contains(before)) {
            throw new IllegalStateException(className + " no longer contains " + before);
        }
        Files.writeString(source, original.replace(before, after));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, "-d", work.toString(), "-cp", jar.toString(), "--release", "17",
                source.toString()) != 0) {
            throw new IllegalStateException("The changed " + className + " does not compile");
        }
        return repackage(jar, work, className.replace('.', '/') + ".class", version);
    }

    /** The bundle {@code jar} as it is but for its {@code version}: an update that changes no code. */
    static byte[] versioned(Path jar, String version) throws IOException {
        return repackage(jar, null, null, version);
    }

    private static byte[] repackage(Path jar, Path classes, String classEntry, String version) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = in.getManifest();
            manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                for (JarEntry entry; (entry = in.getNextJarEntry()) != null;) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    out.write(entry.getName().equals(classEntry) ? Files.readAllBytes(classes.resolve(classEntry))
                            : in.readAllBytes());
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }
}
