package org.brickworks.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.brickworks.tests.plugin.EchoCommand;

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
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }

    /**
     * A plugin bundle offering the Gogo command {@code test:echo} ({@link EchoCommand}): a Declarative Services
     * component with the standard {@code osgi.command.scope} and {@code osgi.command.function} properties.
     */
    static Path commandPlugin(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "org.brickworks.tests.echo");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Import-Package", "org.apache.felix.service.command");
        main.putValue("Service-Component", "OSGI-INF/echo.xml");
        String component = "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"test.echo\">"
                + "<property name=\"osgi.command.scope\" value=\"test\"/>"
                + "<property name=\"osgi.command.function\" value=\"echo\"/>"
                + "<service><provide interface=\"" + EchoCommand.class.getName() + "\"/></service>"
                + "<implementation class=\"" + EchoCommand.class.getName() + "\"/></scr:component>";
        String classFile = EchoCommand.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest);
                InputStream bytes = EchoCommand.class.getClassLoader().getResourceAsStream(classFile)) {
            jarOut.putNextEntry(new JarEntry("OSGI-INF/echo.xml"));
            jarOut.write(component.getBytes(StandardCharsets.UTF_8));
            jarOut.putNextEntry(new JarEntry(classFile));
            bytes.transferTo(jarOut);
            jarOut.closeEntry();
        }
        return jar;
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
