package org.brickworks.tests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server: a fresh cluster in a temporary directory, listening on 127.0.0.1 and a free port with
 * trust authentication, holding an empty database {@value #DATABASE}. {@link #close()} stops it and deletes the
 * directory. PostgreSQL refuses to run as root, so as root its programs run as the {@value #OS_USER} OS user that
 * Debian's {@code postgresql} package creates.
 */
final class PostgresServer implements AutoCloseable {
    static final String DATABASE = "brickworks";
    static final String USER = "postgres";
    private static final String OS_USER = "postgres";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String INSTALL = ": install Debian's postgresql package (apt-get install postgresql)";

    private static PostgresServer shared;

    private final Path bin;
    private final Path directory;
    private final int port;

    private PostgresServer(Path bin, Path directory, int port) {
        this.bin = bin;
        this.directory = directory;
        this.port = port;
    }

    /**
     * The server of this JVM, started on the first call and stopped when the JVM exits. An IT's {@code @Configuration}
     * runs in the outer JVM before the framework boots (JUnit's discovery and its run each call it), so the server
     * lives until that JVM exits: failsafe forks one per test class.
     */
    static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "PostgreSQL server stop"));
        }
        return shared;
    }

    /** Creates, starts and waits for a new server; fails, never skips, when PostgreSQL is missing. */
    static PostgresServer start() {
        Path bin = binaries();
        try {
            Path directory = Files.createTempDirectory("brickworks-pg");
            PostgresServer server = new PostgresServer(bin, directory, freePort());
            try {
                server.initAndStart();
                return server;
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    private void initAndStart() throws IOException {
        if (asRoot()) {
            Files.setOwner(directory, osUser());
        }
        Path data = directory.resolve("data");
        run(tool("initdb"), "-D", data.toString(), "-U", USER, "--auth=trust", "--encoding=UTF8", "--no-locale",
                "--no-sync");
        run(tool("pg_ctl"), "-D", data.toString(), "-l", directory.resolve("server.log").toString(), "-w", "-t",
                Long.toString(TIMEOUT.toSeconds()), "-o",
                "-c listen_addresses=127.0.0.1 -p " + port + " -k " + directory + " -c fsync=off", "start");
        // pg_ctl -w waited for the server to accept connections; this checks it does over TCP.
        run(tool("pg_isready"), "-h", "127.0.0.1", "-p", Integer.toString(port), "-t", "10");
        run(tool("createdb"), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER, DATABASE);
    }

    /** Stops the server (fast: disconnects clients) and deletes its directory. */
    @Override
    public void close() {
        try {
            if (Files.exists(directory.resolve("data/postmaster.pid"))) {
                run(tool("pg_ctl"), "-D", directory.resolve("data").toString(), "-m", "fast", "-w", "stop");
            }
        } finally {
            delete(directory);
        }
    }

    /** The folder of initdb, pg_ctl and postgres: the one on PATH, else one of Debian's. */
    private static Path binaries() {
        List<Path> candidates = new ArrayList<>();
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path initdb = Path.of(folder, "initdb");
            if (Files.isExecutable(initdb)) {
                candidates.add(realParent(initdb));
            }
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            versions.map(v -> v.resolve("bin")).sorted(Comparator.reverseOrder()).forEach(candidates::add);
        } catch (IOException e) {
            // no Debian layout: PATH was the only place to look
        }
        return candidates.stream()
                .filter(b -> Stream.of("initdb", "pg_ctl", "postgres", "pg_isready", "createdb")
                        .allMatch(tool -> Files.isExecutable(b.resolve(tool))))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "PostgreSQL server programs (initdb, pg_ctl, postgres) not found on PATH or in "
                                + "/usr/lib/postgresql/*/bin" + INSTALL));
    }

    private static Path realParent(Path file) {
        try {
            return file.toRealPath().getParent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private UserPrincipal osUser() throws IOException {
        try {
            return directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
        } catch (UserPrincipalNotFoundException e) {
            throw new IllegalStateException(
                    "PostgreSQL refuses to run as root and the OS user " + OS_USER + " does not exist" + INSTALL, e);
        }
    }

    private String tool(String name) {
        return bin.resolve(name).toString();
    }

    /** util-linux's runuser lives in sbin, which a non-login PATH may lack. */
    private static String runuser() {
        return Stream.of("/usr/sbin/runuser", "/sbin/runuser").filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElse("runuser");
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs a command, as {@value #OS_USER} when we are root; output to a file, not a pipe the server could hold. */
    private void run(String... command) {
        List<String> line = new ArrayList<>();
        if (asRoot()) {
            line.addAll(List.of(runuser(), "-u", OS_USER, "--"));
        }
        line.addAll(List.of(command));
        try {
            Path output = Files.createTempFile("brickworks-pg", ".out");
            try {
                Process process = new ProcessBuilder(line).directory(directory.toFile()).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                // pg_ctl's own -t wait ends first and says why
                if (!process.waitFor(TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Timed out after " + TIMEOUT + ": " + String.join(" ", line));
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", line) + " exited with " + process.exitValue()
                            + ":\n" + Files.readString(output) + serverLog());
                }
            } finally {
                Files.delete(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", line), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running " + String.join(" ", line), e);
        }
    }

    private String serverLog() throws IOException {
        Path log = directory.resolve("server.log");
        return Files.exists(log) ? "\nServer log:\n" + Files.readString(log) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
    }
}
