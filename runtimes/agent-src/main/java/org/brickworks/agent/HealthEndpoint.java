package org.brickworks.agent;

import java.lang.management.ManagementFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /health}: the agent is up, on which runtime, and how long its JVM has run. */
final class HealthEndpoint {

    private final RuntimeVersions versions;

    HealthEndpoint(RuntimeVersions versions) {
        this.versions = versions;
    }

    JsonNode status(JsonExchange exchange) {
        ObjectNode health = exchange.newObject().put("state", "RUNNING").put("spark_version", versions.spark())
                .put("scala_version", versions.scala());
        versions.delta().ifPresent(delta -> health.put("delta_version", delta));
        return health.put("uptime_ms", ManagementFactory.getRuntimeMXBean().getUptime());
    }
}
