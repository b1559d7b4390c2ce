package org.brickworks.agent;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.spark.sql.connect.SparkConnectPlugin;

/**
 * The repository's Python Spark Connect client ({@code tests/src/test/python/connect_sql.py}, path in the system
 * property {@code brickworks.connect.client}) run as a user would run it, with its protocol generated from the
 * spark-connect jar on this test's classpath. Needs {@code python3} (or {@code brickworks.python}) with grpcio,
 * grpcio-tools, protobuf and pyarrow: {@link #requirePython()} fails with what to install otherwise.
 */
final class ConnectSqlClient {

    private static final String MODULES = "grpc, grpc_tools, google.protobuf, pyarrow";
    private static final long TIMEOUT_SECONDS = 180;

    /** The script's exit status, its stdout lines (one JSON array per row) and its stderr. */
    record Result(int exitStatus, List<String> rows, String errors) {
    }

    private final String target;

    ConnectSqlClient(String host, int port) {
        this.target = host + ":" + port;
    }

    /** Fails, saying what to install, unless Python and the client's modules are there. */
    static void requirePython() throws IOException, InterruptedException {
        Result check = run(List.of(python(), "-c", "import " + MODULES));
        if (check.exitStatus() != 0) {
            throw new IllegalStateException("The Spark Connect tests need " + python() + " with " + MODULES
                    + ": pip install grpcio grpcio-tools protobuf pyarrow (.ci/run does it)\n" + check.errors());
        }
    }

    /** Runs one statement; a null token sends none. */
    Result sql(String token, String sql) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python(), script(), "--connect-jar", connectJar(),
                "--target", target, "--sql", sql));
        if (token != null) {
            command.addAll(List.of("--token", token));
        }
        return run(command);
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("connect-sql", ".out");
        Path err = Files.createTempFile("connect-sql", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().remove("BRICKWORKS_CONNECT_TOKEN");
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("No answer in " + TIMEOUT_SECONDS + " s from " + command);
            }
            return new Result(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String python() {
        return System.getProperty("brickworks.python", "python3");
    }

    private static String script() {
        String script = System.getProperty("brickworks.connect.client");
        if (script == null || !Files.isRegularFile(Path.of(script))) {
            throw new IllegalStateException("System property brickworks.connect.client must name connect_sql.py, not "
                    + script);
        }
        return script;
    }

    private static String connectJar() {
        try {
            return Path.of(SparkConnectPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the spark-connect jar", e);
        }
    }
}
