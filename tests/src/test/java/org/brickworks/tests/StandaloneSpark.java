package org.brickworks.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Spark standalone cluster on 127.0.0.1 from Maven jars only: a folder whose {@code jars/} links the runtime's
 * closure serves as {@code SPARK_HOME}, and {@code Master} and one {@code Worker} run as plain JVMs on free ports.
 * {@link #close} stops the worker (with the executors it started) and the master, forcibly when they linger; a JVM
 * shutdown hook does the same if the test JVM is stopped first. Logs go to {@code master.log} and {@code worker.log} in
 * the given folder.
 */
final class StandaloneSpark implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final Path folder;
    private final List<Process> processes = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "standalone-spark-stop");
    private int masterPort;
    private int masterWebUiPort;
    private long masterStartMillis;
    private long workerStartMillis;

    private StandaloneSpark(Path folder) {
        this.folder = folder;
    }

    /**
     * Starts a master and one worker with {@code workerCores} cores and {@code workerMemoryMb} MB for executors, and
     * waits until the worker has registered.
     *
     * @param closure
     *            the Spark runtime's jars
     * @param scalaVersion
     *            the runtime's Scala binary version: the worker needs it to build executor classpaths
     * @param jvmOptions
     *            options every Spark JVM needs on this Java (the runtime's {@code --add-opens} list)
     */
    static StandaloneSpark start(Path folder, List<Path> closure, String scalaVersion, List<String> jvmOptions,
            int workerCores, int workerMemoryMb) throws IOException {
        StandaloneSpark spark = new StandaloneSpark(Files.createDirectories(folder));
        Runtime.getRuntime().addShutdownHook(spark.shutdownHook);
        try {
            Path home = spark.sparkHome(closure);
            Map<String, String> env = Map.of("SPARK_HOME", home.toString(), "SPARK_LOCAL_IP", "127.0.0.1",
                    "SPARK_SCALA_VERSION", scalaVersion);
            spark.masterPort = freePort();
            spark.masterWebUiPort = freePort();
            long began = System.nanoTime();
            spark.launch("master", env, jvmOptions, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", Integer.toString(spark.masterPort), "--webui-port",
                    Integer.toString(spark.masterWebUiPort));
            spark.awaitMaster("the master to be ALIVE", json -> "ALIVE".equals(json.path("status").asText()));
            spark.masterStartMillis = (System.nanoTime() - began) / 1_000_000;
            began = System.nanoTime();
            spark.launch("worker", env, jvmOptions, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                    "--port", "0", "--webui-port", Integer.toString(freePort()), "--cores",
                    Integer.toString(workerCores), "--memory", workerMemoryMb + "m", "--work-dir",
                    Files.createDirectories(folder.resolve("work")).toString(), spark.masterUrl());
            spark.awaitMaster("the worker to register", json -> json.path("aliveworkers").asInt() == 1);
            spark.workerStartMillis = (System.nanoTime() - began) / 1_000_000;
            return spark;
        } catch (IOException | RuntimeException | Error e) {
            spark.close();
            throw e;
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** Milliseconds from launching the master's JVM to its web UI reporting ALIVE. */
    long masterStartMillis() {
        return masterStartMillis;
    }

    /** Milliseconds from launching the worker's JVM to the master counting it alive. */
    long workerStartMillis() {
        return workerStartMillis;
    }

    /** The master's state as its web UI serves it at {@code /json}: workers, active and completed applications. */
    JsonNode masterState() throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterWebUiPort + "/json/"))
                            .timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted asking the master", e);
        }
    }

    /** The worker's JVM and every process it started (its executors). */
    List<ProcessHandle> workerProcesses() {
        Process worker = processes.get(1);
        List<ProcessHandle> all = new ArrayList<>(List.of(worker.toHandle()));
        worker.descendants().forEach(all::add);
        return all;
    }

    /** The last lines of a process's log, for failure messages. */
    String log(String name) {
        try {
            List<String> lines = Files.readAllLines(folder.resolve(name + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no " + name + ".log: " + e + ")";
        }
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs stopAll itself
        }
    }

    /** Worker first (it stops its executors), then the master; whatever lingers is killed. */
    private synchronized void stopAll() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            tree.add(process.toHandle());
            tree.forEach(ProcessHandle::destroy);
            try {
                process.waitFor(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
        processes.clear();
    }

    private Path sparkHome(List<Path> closure) throws IOException {
        Path jars = Files.createDirectories(folder.resolve("spark-home/jars"));
        for (Path jar : closure) {
            Path link = jars.resolve(jar.getFileName().toString());
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, jar.toAbsolutePath());
            }
        }
        return jars.getParent();
    }

    private void launch(String name, Map<String, String> env, List<String> jvmOptions, String mainClass,
            String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", folder.resolve("spark-home/jars") + "/*", mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve(name + ".log").toFile());
        builder.environment().putAll(env);
        processes.add(builder.start());
    }

    private void awaitMaster(String what, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                if (condition.test(masterState())) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("A Spark process exited waiting for " + what + ":\n"
                            + log("master") + "\n" + log("worker"));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out waiting for " + what + ":\n" + log("master") + "\n"
                        + log(processes.size() > 1 ? "worker" : "master"));
            }
            try {
                processes.get(processes.size() - 1).waitFor(50, TimeUnit.MILLISECONDS); // poll interval
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for " + what, e);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
