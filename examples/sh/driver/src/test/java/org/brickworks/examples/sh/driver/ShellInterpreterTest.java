package org.brickworks.examples.sh.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.brickworks.agent.protocol.CellCommand;
import org.brickworks.agent.protocol.ErrorResult;
import org.brickworks.agent.protocol.Result;
import org.brickworks.agent.protocol.TextResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interpreter as the agent drives it: real bash processes, no agent. */
class ShellInterpreterTest {
    @TempDir
    Path directory;

    @Test
    void printsStdoutAndStderrAsTextInTheContextsDirectory() throws Exception {
        try (ShellInterpreter shell = new ShellInterpreter(directory)) {
            Result result = shell.execute(command("echo out; echo err >&2; pwd"));

            assertEquals(TextResult.of("out\nerr\n" + directory.toRealPath() + "\n"), result);
        }
    }

    @Test
    void nonZeroExitIsAnErrorWithTheOutput() throws Exception {
        try (ShellInterpreter shell = new ShellInterpreter(directory)) {
            Result result = shell.execute(command("echo partial; exit 3"));

            assertEquals(new ErrorResult("Command exited with status 3", "partial\n"), result);
        }
    }

    @Test
    void outputPastTheLimitIsDroppedWithAWarning() throws Exception {
        try (ShellInterpreter shell = new ShellInterpreter(directory)) {
            Result result = shell.execute(command("head -c " + (ShellInterpreter.MAX_OUTPUT_BYTES + 10) + " /dev/zero"
                    + " | tr '\\0' x"));

            String text = assertInstanceOf(TextResult.class, result).data();
            assertEquals("x".repeat(ShellInterpreter.MAX_OUTPUT_BYTES)
                    + "\n*** WARNING: max output size exceeded, skipping output. ***\n", text);
        }
    }

    @Test
    void interruptEndsTheWholeProcessGroup() throws Exception {
        Path pid = directory.resolve("sleep.pid");
        try (ShellInterpreter shell = new ShellInterpreter(directory)) {
            CompletableFuture<Result> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return shell.execute(command("sleep 600 & echo $! > sleep.part && mv sleep.part sleep.pid; wait"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            while (!Files.exists(pid)) {
                Thread.sleep(20); // polling for the script's start
            }
            ProcessHandle sleep = ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).orElseThrow();
            while (!running.isDone()) {
                shell.interrupt(); // as the agent does, every 100 ms until the command returns
                Thread.sleep(100);
            }

            ErrorResult result = assertInstanceOf(ErrorResult.class, running.get());
            assertEquals("Command cancelled", result.summary());
            sleep.onExit().get();
            assertFalse(sleep.isAlive());
        }
    }

    @Test
    void factoryNamesTheLanguageSh() {
        assertEquals("sh", new ShellInterpreterFactory().language());
        assertTrue(ShellInterpreterFactory.class.getClassLoader()
                .getResource("META-INF/services/org.brickworks.agent.protocol.CellInterpreterFactory") != null);
    }

    private static CellCommand command(String code) {
        return new CellCommand("c1", code, 1000, Map.of());
    }
}
