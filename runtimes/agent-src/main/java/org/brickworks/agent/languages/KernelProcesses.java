package org.brickworks.agent.languages;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the Python and R interpreters do alike to their kernel processes: interrupt one, stop one. */
public final class KernelProcesses {

    private static final Logger LOG = LoggerFactory.getLogger(KernelProcesses.class);

    private KernelProcesses() {
    }

    /** Sends SIGINT to a live kernel ({@code language} names it in a failure's log line). */
    public static void interrupt(Process kernel, String language) {
        if (kernel == null || !kernel.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(kernel.pid())).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.warn("Could not interrupt {} process {}", language, kernel.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops a kernel: SIGTERM, then SIGKILL after 5 s. */
    public static void stop(Process kernel) {
        if (kernel == null) {
            return;
        }
        kernel.destroy();
        try {
            if (!kernel.waitFor(5, TimeUnit.SECONDS)) {
                kernel.destroyForcibly();
            }
        } catch (InterruptedException e) {
            kernel.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
