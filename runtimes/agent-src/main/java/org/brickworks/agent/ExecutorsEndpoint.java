package org.brickworks.agent;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerBlockManagerAdded;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /executors}: the executors the driver's application has now, as Spark's scheduler announces them to
 * listeners (the driver itself is not one: a {@code local[N]} driver has none). Thread-safe: Spark's listener bus
 * writes, HTTP threads read.
 */
final class ExecutorsEndpoint extends SparkListener {

    /** An executor as the scheduler announced it; {@code port} is its block manager's, 0 until that registers. */
    private record Executor(String id, String host, int port, int cores, long startTime) {
        Executor withPort(int newPort) {
            return new Executor(id, host, newPort, cores, startTime);
        }
    }

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

    /** {@code {"executors":[{"executor_id","host","port","cores","start_time"}...]}}, oldest first. */
    JsonNode list(JsonExchange exchange) {
        ObjectNode answer = exchange.newObject();
        ArrayNode list = answer.putArray("executors");
        executors.values().stream()
                .sorted(Comparator.comparingLong(Executor::startTime).thenComparing(Executor::id))
                .forEach(e -> list.addObject().put("executor_id", e.id()).put("host", e.host()).put("port", e.port())
                        .put("cores", e.cores()).put("start_time", e.startTime()));
        return answer;
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
        executors.computeIfPresent(id, (key, executor) -> executor.withPort(port));
    }

    /** Spark's own id of the driver (its {@code SparkContext.DRIVER_IDENTIFIER}, not visible to Java). */
    private static boolean isDriver(String executorId) {
        return "driver".equals(executorId);
    }
}
