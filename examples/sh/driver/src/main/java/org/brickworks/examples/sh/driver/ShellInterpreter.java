package org.brickworks.examples.sh.driver;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.brickworks.agent.protocol.CellCommand;
import org.brickworks.agent.protocol.CellInterpreter;
import org.brickworks.agent.protocol.ErrorResult;
import org.brickworks.agent.protocol.Result;
import org.brickworks.agent.protocol.TextResult;

/**
 * Runs each command as a {@code bash -c} script on the driver's host, as Databricks' {@code %sh} does: in the context's
 * working directory, stdout and stderr together as the text result, a non-zero exit status an error. The script leads
 * a process group of its own ({@code setsid}), so a cancel stops everything it started: SIGTERM to the group first,
 * SIGKILL if it is still there two seconds later. The context's commands come one at a time.
 */
final class ShellInterpreter implements CellInterpreter {
    /** {@link #interrupt} is called every 100 ms while a command runs: 20 calls are two seconds. */
    private static final int CALLS_BEFORE_SIGKILL = 20;
    /** The most output a result keeps; the rest is read and dropped, as Databricks does. */
    static final int MAX_OUTPUT_BYTES = 1 << 20;

    private final Path directory;
    private volatile Process running;
    private volatile boolean cancelled;
    private int interrupts;

    ShellInterpreter(Path directory) {
        this.directory = directory;
    }

    @Override
    public Result execute(CellCommand command) throws IOException, InterruptedException {
        synchronized (this) {
            cancelled = false;
            interrupts = 0;
        }
        Process process = new ProcessBuilder("setsid", "bash", "-c", command.code()).directory(directory.toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        running = process;
        try {
            String output = read(process.getInputStream());
            int status = process.waitFor();
            if (cancelled) {
                return new ErrorResult("Command cancelled", output);
            }
            if (status != 0) {
                return new ErrorResult("Command exited with status " + status, output);
            }
            return TextResult.of(output);
        } finally {
            running = null;
        }
    }

    /** The stream to its end, at most {@link #MAX_OUTPUT_BYTES} of it kept. */
    static String read(InputStream in) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        boolean skipped = false;
        for (int n; (n = in.read(buffer)) >= 0;) {
            int room = MAX_OUTPUT_BYTES - kept.size();
            kept.write(buffer, 0, Math.min(n, room));
            skipped |= n > room;
        }
        return kept.toString(StandardCharsets.UTF_8)
                + (skipped ? "\n*** WARNING: max output size exceeded, skipping output. ***\n" : "");
    }

    @Override
    public synchronized void interrupt() {
        Process process = running;
        if (process != null) {
            cancelled = true;
            signalGroup(process, interrupts++ < CALLS_BEFORE_SIGKILL ? "-TERM" : "-KILL");
        }
    }

    @Override
    public void close() {
        Process process = running;
        if (process != null) {
            cancelled = true;
            signalGroup(process, "-KILL");
        }
    }

    /** {@code kill -SIGNAL -- -pgid}: setsid made the script's pid its process group's id. */
    private static void signalGroup(Process process, String signal) {
        try {
            new ProcessBuilder("kill", signal, "--", "-" + process.pid()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
