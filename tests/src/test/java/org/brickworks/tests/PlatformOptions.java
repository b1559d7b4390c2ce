package org.brickworks.tests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.ops4j.pax.exam.Option;

/**
 * Pax Exam configuration booting the platform as the product does: the core, shell and web
 * features, a fresh data directory, free ports, and an {@code etc/} folder watched by File Install
 * like the distribution's. The framework itself, the product launcher's configurator and the
 * console (which would read this JVM's stdin) are the only bundles left out.
 */
final class PlatformOptions {
    static final String HTTP_PORT = "brickworks.test.http.port";
    static final String SSH_PORT = "brickworks.test.ssh.port";
    private static final Set<String> NOT_IN_TESTS = Set.of(
            "org.eclipse.osgi", "org.eclipse.equinox.simpleconfigurator", "org.apache.felix.gogo.jline");

    private PlatformOptions() {
    }

    static Option platform() {
        try {
            Path home = Files.createTempDirectory("brickworks-it");
            Path etc = Files.createDirectories(home.resolve("etc"));
            int http = freePort();
            int ssh = freePort();
            Files.writeString(etc.resolve("org.brickworks.shell.ssh.cfg"), "port=" + ssh + "\nhost=127.0.0.1\n");
            List<Option> options = new ArrayList<>();
            options.add(junitBundles());
            options.add(frameworkProperty("brickworks.data").value(home.resolve("data").toString()));
            options.add(frameworkProperty("org.osgi.service.http.port").value(Integer.toString(http)));
            options.add(frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"));
            options.add(frameworkProperty("org.eclipse.jetty.UriComplianceMode").value("LEGACY"));
            options.add(frameworkProperty("felix.fileinstall.dir").value(etc.toString()));
            options.add(frameworkProperty("felix.fileinstall.poll").value("200"));
            options.add(frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
            options.add(frameworkProperty(HTTP_PORT).value(Integer.toString(http)));
            options.add(frameworkProperty(SSH_PORT).value(Integer.toString(ssh)));
            options.add(systemProperty("org.slf4j.simpleLogger.defaultLogLevel").value("warn"));
            options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
            for (Path jar : Features.bundles(NOT_IN_TESTS,
                    "org.brickworks.core.feature", "org.brickworks.shell.feature", "org.brickworks.web.feature")) {
                options.add(bundle(jar.toUri().toString()));
            }
            return composite(options.toArray(Option[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
