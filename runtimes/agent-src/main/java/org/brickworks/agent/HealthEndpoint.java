package org.brickworks.agent;

import java.lang.management.ManagementFactory;
import java.util.OptionalInt;

import org.brickworks.agent.http.Routes;
import org.brickworks.agent.protocol.AgentPaths;
import org.brickworks.agent.protocol.Health;

/**
 * {@code GET /health}: the agent is up, on which runtime, how long its JVM has run, and its Spark Connect port when
 * Connect is on.
 */
final class HealthEndpoint {

    static final String RUNNING = "RUNNING";
    static final String TERMINATING = "TERMINATING";

    private final RuntimeVersions versions;
    private final OptionalInt connectPort;

    HealthEndpoint(RuntimeVersions versions, OptionalInt connectPort) {
        this.versions = versions;
        this.connectPort = connectPort;
    }

    void addTo(Routes routes) {
        routes.add("GET", AgentPaths.HEALTH, (exchange, id) -> health(RUNNING));
    }

    Health health(String state) {
        return new Health(state, versions.spark(), versions.scala(), versions.delta().orElse(null),
                ManagementFactory.getRuntimeMXBean().getUptime(),
                connectPort.isPresent() ? connectPort.getAsInt() : null);
    }
}
