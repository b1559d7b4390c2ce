package org.brickworks.agent.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/** Waiting on conditions the tests cannot be told about, with a timeout. */
public final class Conditions {

    private Conditions() {
    }

    /**
     * Waits up to a minute for a process to end (a zombie, ended but not yet reaped by its new parent, counts as
     * ended); whether it did.
     */
    public static boolean awaitEnd(long pid) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (runs(pid) && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(20_000_000L);
        }
        return !runs(pid);
    }

    private static boolean runs(long pid) {
        try {
            // /proc/<pid>/stat: "pid (command) state ...".
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    /** Waits up to a minute for a file that something (a command, a process) creates; whether it exists. */
    public static boolean awaitFile(Path file) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!Files.exists(file) && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(20_000_000L); // a poll of the condition, not a wait in its place
        }
        return Files.exists(file);
    }
}
