package org.brickworks.tests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;

/**
 * Pax Exam configuration booting the platform as the product does: the core, shell, web, runtimes and clusters
 * features, the product's config.ini properties, a copy of the distribution's {@code etc/} (watched by File Install), a
 * fresh data directory and free ports; the platform log is {@code <data>/log/brickworks.log}, as in the distribution.
 * The framework itself, the product launcher's configurator and the console (which would read this JVM's stdin) are
 * the only bundles left out.
 */
final class PlatformOptions {
    static final String HTTP_PORT = "brickworks.test.http.port";
    static final String SSH_PORT = "brickworks.test.ssh.port";
    static final String STORE_CFG = "org.brickworks.store.cfg";
    private static final Set<String> NOT_IN_TESTS = Set.of("org.eclipse.osgi", "org.eclipse.equinox.simpleconfigurator",
            "org.apache.felix.gogo.jline");

    private PlatformOptions() {
    }

    /** The platform with the distribution's default configuration: the store on embedded H2. */
    static Option platform() {
        return platform(Map.of());
    }

    /**
     * The platform with {@code etcFiles} (file name to content) written to {@code etc/} before it starts, added to or
     * replacing the distribution's own.
     */
    static Option platform(Map<String, String> etcFiles) {
        try {
            Path home = temporaryHome();
            Path etc = home.resolve("etc");
            copyFolder(Features.DISTRIBUTION.resolve("etc"), etc);
            Files.createDirectories(home.resolve("plugins"));
            for (Map.Entry<String, String> file : etcFiles.entrySet()) {
                Files.writeString(etc.resolve(file.getKey()), file.getValue());
            }
            Map<String, String> properties = productProperties(home);
            String http = Integer.toString(freePort());
            String ssh = Integer.toString(freePort());
            // What bin/brickworks sets from the environment.
            properties.put("brickworks.home", home.toString());
            properties.put("brickworks.data", home.resolve("data").toString());
            properties.put("brickworks.ssh.port", ssh);
            properties.put("brickworks.http.port", http);
            properties.put("brickworks.http.host", "127.0.0.1");
            properties.put("org.osgi.service.http.port", http);
            properties.put("org.apache.felix.http.host", "127.0.0.1");
            properties.put(HTTP_PORT, http);
            properties.put(SSH_PORT, ssh);
            List<Option> options = new ArrayList<>();
            options.add(junitBundles());
            properties.forEach((key, value) -> options.add(frameworkProperty(key).value(value)));
            // The distribution's logging: Logback reads its file and the data folder from system properties.
            options.add(systemProperty("logback.configurationFile").value(etc.resolve("logback.xml").toString()));
            options.add(systemProperty("brickworks.data").value(properties.get("brickworks.data")));
            options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
            for (Path jar : Features.bundles(NOT_IN_TESTS, "org.brickworks.core.feature",
                    "org.brickworks.shell.feature", "org.brickworks.web.feature", "org.brickworks.runtimes.feature",
                    "org.brickworks.clusters.feature", "org.brickworks.workspace.feature",
                    "org.brickworks.dbfs.feature", "org.brickworks.jobs.feature", "org.brickworks.secrets.feature")) {
                options.add(bundle(jar.toUri().toString()).start(!isFragment(jar)));
            }
            return composite(options.toArray(Option[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The product's config.ini properties that are ours or our bundles', not the launcher's. */
    private static Map<String, String> productProperties(Path home) throws IOException {
        Properties configIni = new Properties();
        try (InputStream in = Files.newInputStream(Features.DISTRIBUTION.resolve("system/configuration/config.ini"))) {
            configIni.load(in);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (String key : configIni.stringPropertyNames()) {
            // Pax Exam drives the start level itself (and waits for exactly the level it sets): the platform's area
            // start gate stays out of it without brickworks.startLevel, as it does under any launcher but ours.
            if (!key.startsWith("osgi.") && !key.startsWith("eclipse.") && !key.startsWith("org.eclipse.equinox.")
                    && !key.equals("brickworks.startLevel")) {
                properties.put(key, configIni.getProperty(key).replace("${brickworks.home}", home.toString()));
            }
        }
        return properties;
    }

    /** A fragment (the platform log's Logback fragment) is attached to its host, never started. */
    private static boolean isFragment(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Fragment-Host") != null;
        }
    }

    /** A folder for one framework's home, deleted when the test JVM exits. */
    private static Path temporaryHome() throws IOException {
        Path home = Files.createTempDirectory("brickworks-it");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(home)));
        return home;
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(file.getFileName().toString()));
            }
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort at exit: the folder is under the system's temporary directory
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
