package org.brickworks.tests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Jars a test installs: written with the JDK's jar classes, as a developer's build would. */
final class TestJars {
    private TestJars() {
    }

    /** A jar whose manifest has only {@code headers} (name, value, name, value...), and no classes. */
    static Path withManifest(Path jar, String... headers) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (int i = 0; i < headers.length; i += 2) {
            manifest.getMainAttributes().putValue(headers[i], headers[i + 1]);
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }

    /** A copy of the bundle {@code original} under another Bundle-SymbolicName, everything else unchanged. */
    static Path renamed(Path original, String symbolicName, Path copy) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(original))) {
            Manifest manifest = in.getManifest();
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(copy), manifest)) {
                for (JarEntry entry; (entry = in.getNextJarEntry()) != null;) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return copy;
    }
}
