package org.brickworks.agent;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerBlockManagerAdded;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.brickworks.agent.http.Routes;
import org.brickworks.agent.protocol.AgentPaths;
import org.brickworks.agent.protocol.ExecutorList;
import org.brickworks.agent.protocol.ExecutorList.Executor;

/**
 * {@code GET /executors}: the executors the driver's application has now, as Spark's scheduler announces them to
 * listeners (the driver itself is not one: a {@code local[N]} driver has none). Thread-safe: Spark's listener bus
 * writes, HTTP threads read.
 */
final class ExecutorsEndpoint extends SparkListener {

    private final Map<String, Executor> executors = new ConcurrentHashMap<>();
    /** Block managers may register before their executor's announcement reaches this listener. */
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();

    private ExecutorsEndpoint() {
    }

    /**
     * Starts listening to {@code spark}'s scheduler. Call it right after the context is built: executors announced
     * before are missed (a cluster's executors take seconds to start, the agent milliseconds to get here).
     */
    static ExecutorsEndpoint listenTo(SparkContext spark) {
        ExecutorsEndpoint endpoint = new ExecutorsEndpoint();
        spark.addSparkListener(endpoint);
        return endpoint;
    }

    void addTo(Routes routes) {
        routes.add("GET", AgentPaths.EXECUTORS, (exchange, id) -> list());
    }

    /** The executors, oldest first. */
    ExecutorList list() {
        return new ExecutorList(executors.values().stream()
                .sorted(Comparator.comparingLong(Executor::startTime).thenComparing(Executor::executorId)).toList());
    }

    @Override
    public void onExecutorAdded(SparkListenerExecutorAdded added) {
        String id = added.executorId();
        if (isDriver(id)) {
            return; // a local[N] driver announces itself as an executor
        }
        executors.put(id, new Executor(id, added.executorInfo().executorHost(), ports.getOrDefault(id, 0),
                added.executorInfo().totalCores(), added.time()));
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        executors.remove(removed.executorId());
        ports.remove(removed.executorId());
    }

    @Override
    public void onBlockManagerAdded(SparkListenerBlockManagerAdded added) {
        String id = added.blockManagerId().executorId();
        if (isDriver(id)) {
            return;
        }
        int port = added.blockManagerId().port();
        ports.put(id, port);
        executors.computeIfPresent(id, (key, executor) -> new Executor(executor.executorId(), executor.host(), port,
                executor.cores(), executor.startTime()));
    }

    /** Spark's own id of the driver (its {@code SparkContext.DRIVER_IDENTIFIER}, not visible to Java). */
    private static boolean isDriver(String executorId) {
        return "driver".equals(executorId);
    }
}
