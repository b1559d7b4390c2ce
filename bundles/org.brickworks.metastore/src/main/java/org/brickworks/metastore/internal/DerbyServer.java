package org.brickworks.metastore.internal;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Apache Derby network server on loopback for the metastore database, in a JVM of its own (Derby's engine keeps
 * JVM-wide state, and its jars are OSGi bundles of their own: it stays out of the platform's JVM). Its system folder
 * holds the database and a {@code derby.properties} readable by the platform's user only, with BUILTIN authentication,
 * the one user's generated password and the port, both kept across restarts: drivers that outlive a platform restart
 * reconnect. Derby's transaction log makes the database safe against the server being killed.
 */
final class DerbyServer {
    static final String USER = "brickworks";
    /** The client driver class of both runtimes' Derby clients (10.14, and 10.16 with derbytools). */
    static final String CLIENT_DRIVER = "org.apache.derby.jdbc.ClientDriver";
    /** The server this class runs: its jars and the main class. */
    static final String COORDINATES = "org.apache.derby:derbynet:10.14.2.0";
    private static final Logger LOG = LoggerFactory.getLogger(DerbyServer.class);
    private static final String PROPERTIES = "derby.properties";
    private static final String PORT = "derby.drda.portNumber";
    private static final String PID_FILE = "server.pid";
    private static final long START_PATIENCE_MILLIS = 60_000;

    private final Process process;
    private final Thread shutdownHook;
    private final Path home;
    private final int port;
    private final String password;

    private DerbyServer(Process process, Thread shutdownHook, Path home, int port, String password) {
        this.process = process;
        this.shutdownHook = shutdownHook;
        this.home = home;
        this.port = port;
        this.password = password;
    }

    /**
     * Starts the server from {@code classpath} (Derby's engine and network server jars) on {@code port} (0: the port
     * of the last start, or a free one) with its system in {@code home}, and waits until it listens. A server left
     * behind by a platform that was killed is stopped first.
     */
    static DerbyServer start(Path home, int port, List<Path> classpath) throws IOException {
        Files.createDirectories(home);
        stopLeftover(home);
        Properties settings = settings(home, port);
        int chosen = Integer.parseInt(settings.getProperty(PORT));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-Dderby.system.home=" + home, "-cp",
                classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                "org.apache.derby.drda.NetworkServerControl", "start", "-h", "127.0.0.1", "-p",
                Integer.toString(chosen), "-noSecurityManager").directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("server.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        // A platform stopped by a signal never deactivates its components, and one stopped while the server starts
        // (in the background) never gets it: from its first moment on, the server goes with the platform's JVM.
        Thread shutdownHook = new Thread(() -> stop(process.toHandle()), "Derby network server stop");
        try {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The platform began to stop while the process started: no hook will run any more.
            process.destroyForcibly();
            throw new IOException("The platform is stopping: the Derby network server is not started", e);
        }
        try {
            Files.writeString(home.resolve(PID_FILE), Long.toString(process.pid()));
            awaitListening(process, chosen);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(process, shutdownHook);
            throw new IOException("Interrupted starting the Derby network server", e);
        } catch (IOException | RuntimeException e) {
            abandon(process, shutdownHook);
            throw e;
        }
        return new DerbyServer(process, shutdownHook, home, chosen, settings.getProperty("derby.user." + USER));
    }

    private static void abandon(Process process, Thread shutdownHook) {
        process.destroyForcibly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            LOG.debug("The JVM is shutting down: its hook stops the server too");
        }
    }

    int port() {
        return port;
    }

    String password() {
        return password;
    }

    /** The URL drivers connect with; the database is created by the first connection. */
    String clientUrl() {
        return "jdbc:derby://127.0.0.1:" + port + "/metastore;create=true";
    }

    /** Stops the server and waits for it, forcibly after 10 s. */
    void stop() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            LOG.debug("The JVM is shutting down: its hook stops the server too");
        }
        stop(process.toHandle());
        try {
            Files.deleteIfExists(home.resolve(PID_FILE));
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", home.resolve(PID_FILE), e.toString());
        }
    }

    private static void stop(ProcessHandle server) {
        server.destroy();
        try {
            server.onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.destroyForcibly();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("The Derby network server (pid {}) did not stop in 10 s: killing it", server.pid());
            server.destroyForcibly();
        }
    }

    /** A server whose pid file is left and whose process still runs Derby's server. */
    private static void stopLeftover(Path home) throws IOException {
        Path pidFile = home.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid)
                    .filter(p -> p.info().arguments().map(a -> List.of(a).contains("-Dderby.system.home=" + home))
                            .orElse(false))
                    .ifPresent(leftover -> {
                        LOG.info("Stopping the Derby network server left running (pid {})", leftover.pid());
                        stop(leftover);
                    });
        } catch (NumberFormatException e) {
            LOG.warn("Ignoring a malformed {}", pidFile);
        }
        Files.deleteIfExists(pidFile);
    }

    private static Properties settings(Path home, int port) throws IOException {
        Path file = home.resolve(PROPERTIES);
        Properties settings = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                settings.load(in);
            }
        }
        boolean changed = false;
        if (settings.getProperty("derby.user." + USER) == null) {
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            settings.setProperty("derby.connection.requireAuthentication", "true");
            settings.setProperty("derby.authentication.provider", "BUILTIN");
            settings.setProperty("derby.user." + USER, HexFormat.of().formatHex(secret));
            settings.setProperty("derby.stream.error.file", "derby.log");
            changed = true;
        }
        String wanted = port > 0 ? Integer.toString(port)
                : settings.getProperty(PORT, Integer.toString(freeLoopbackPort()));
        if (!wanted.equals(settings.getProperty(PORT))) {
            settings.setProperty(PORT, wanted);
            changed = true;
        }
        if (changed) {
            Path temporary = home.resolve(PROPERTIES + ".tmp");
            Files.deleteIfExists(temporary);
            Files.createFile(temporary,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.ISO_8859_1)) {
                settings.store(out, "Brickworks metastore: Derby network server settings (holds a password)");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return settings;
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on loopback", e);
        }
    }

    /** Waits until the server's port takes connections. */
    private static void awaitListening(Process process, int port) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_PATIENCE_MILLIS;
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("The Derby network server exited with " + process.exitValue()
                        + " (see server.log in the metastore folder)");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException("The Derby network server did not listen on 127.0.0.1:" + port
                            + " (see server.log)", e);
                }
                Thread.sleep(100);
            }
        }
    }
}
