package org.brickworks.agent;

import java.lang.management.ManagementFactory;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /health}: the agent is up, on which runtime, how long its JVM has run, and its Spark Connect port when
 * Connect is on.
 */
final class HealthEndpoint {

    private final RuntimeVersions versions;
    private final OptionalInt connectPort;

    HealthEndpoint(RuntimeVersions versions, OptionalInt connectPort) {
        this.versions = versions;
        this.connectPort = connectPort;
    }

    JsonNode status(JsonExchange exchange) {
        ObjectNode health = exchange.newObject().put("state", "RUNNING").put("spark_version", versions.spark())
                .put("scala_version", versions.scala());
        versions.delta().ifPresent(delta -> health.put("delta_version", delta));
        connectPort.ifPresent(port -> health.put("connect_port", port));
        return health.put("uptime_ms", ManagementFactory.getRuntimeMXBean().getUptime());
    }
}
