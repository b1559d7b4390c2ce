package org.brickworks.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.spark.launcher.JavaModuleOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A driver agent started the way the control plane starts it: a child JVM with Spark's {@code --add-opens} flags, this
 * test's classpath (the runtime's closure plus the agent) and a ready file to wait for. Its stderr goes to
 * {@code target/<name>-agent.log}.
 */
final class AgentProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final JsonNode ready;

    private AgentProcess(Process process, JsonNode ready) {
        this.process = process;
        this.ready = ready;
    }

    static AgentProcess start(String name, Path dir, String secret, String... extraArgs)
            throws IOException, InterruptedException {
        return start(name, dir, secret, Map.of(), extraArgs);
    }

    /** As {@link #start(String, Path, String, String...)}, with {@code environment} added to the agent's. */
    static AgentProcess start(String name, Path dir, String secret, Map<String, String> environment,
            String... extraArgs) throws IOException, InterruptedException {
        Path secretFile = Files.writeString(dir.resolve("secret"), secret + "\n");
        Path readyFile = dir.resolve("ready.json");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptions().split(" ")));
        command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), DriverAgent.class.getName(),
                "--secret-file", secretFile.toString(), "--ready-file", readyFile.toString(), "--port", "0"));
        command.addAll(Arrays.asList(extraArgs));
        Path log = Files.createDirectories(Path.of("target")).resolve(name + "-agent.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new AgentProcess(process, awaitReady(process, readyFile, log));
    }

    private static JsonNode awaitReady(Process process, Path readyFile, Path log)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Files.exists(readyFile)) {
            if (Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IllegalStateException("The agent was not ready in " + START_TIMEOUT + "; see " + log);
            }
            if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(
                        "The agent exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
        }
        return new ObjectMapper().readTree(readyFile.toFile());
    }

    /** The ready file's content. */
    JsonNode ready() {
        return ready;
    }

    String baseUri() {
        return "http://127.0.0.1:" + ready.get("port").asInt();
    }

    Process process() {
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
