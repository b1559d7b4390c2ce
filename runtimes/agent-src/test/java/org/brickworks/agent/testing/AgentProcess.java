package org.brickworks.agent.testing;

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
import org.brickworks.agent.protocol.AgentLaunch;
import org.brickworks.agent.protocol.Ready;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A driver agent started the way the control plane starts it: a child JVM with Spark's {@code --add-opens} flags, this
 * test's classpath (the runtime's closure plus the agent), its working directory the test's folder, and a ready file
 * to wait for. Its output goes to {@code target/<name>-agent.log}.
 */
public final class AgentProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Ready ready;

    private AgentProcess(Process process, Ready ready) {
        this.process = process;
        this.ready = ready;
    }

    public static AgentProcess start(String name, Path dir, String secret, String... extraArgs)
            throws IOException, InterruptedException {
        return start(name, dir, secret, Map.of(), extraArgs);
    }

    /** As {@link #start(String, Path, String, String...)}, with {@code environment} added to the agent's. */
    public static AgentProcess start(String name, Path dir, String secret, Map<String, String> environment,
            String... extraArgs) throws IOException, InterruptedException {
        Path secretFile = Files.writeString(dir.resolve("secret"), secret + "\n");
        Path readyFile = dir.resolve("ready.json");
        List<String> command = javaCommand();
        command.addAll(List.of(AgentLaunch.SECRET_FILE, secretFile.toString(), AgentLaunch.READY_FILE,
                readyFile.toString(), AgentLaunch.PORT, "0"));
        command.addAll(Arrays.asList(extraArgs));
        Path log = log(name);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new AgentProcess(process, awaitReady(process, readyFile, log));
    }

    /** {@code java} with Spark's flags and this test's classpath, then the agent's main class. */
    public static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptions().split(" ")));
        command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), AgentLaunch.MAIN_CLASS));
        return command;
    }

    /** Where the agent of test {@code name} writes its output. */
    public static Path log(String name) throws IOException {
        return Files.createDirectories(Path.of("target").toAbsolutePath()).resolve(name + "-agent.log");
    }

    private static Ready awaitReady(Process process, Path readyFile, Path log)
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
        return new ObjectMapper().readValue(readyFile.toFile(), Ready.class);
    }

    /** The ready file's content. */
    public Ready ready() {
        return ready;
    }

    public String baseUri() {
        return "http://127.0.0.1:" + ready.port();
    }

    public Process process() {
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
