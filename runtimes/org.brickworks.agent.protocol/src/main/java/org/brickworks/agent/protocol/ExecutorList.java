package org.brickworks.agent.protocol;

import java.util.List;

/**
 * {@code GET /executors}: the Spark application's executors, oldest first, never the driver.
 */
public record ExecutorList(List<Executor> executors) {
    public ExecutorList {
        executors = List.copyOf(executors);
    }

    /**
     * @param port
     *            its block manager's port, 0 until that registered
     * @param startTime
     *            when it registered with the driver, epoch milliseconds
     */
    public record Executor(String executorId, String host, int port, int cores, long startTime) {
    }
}
