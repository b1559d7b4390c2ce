package org.brickworks.clusters.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.brickworks.clusters.api.DriverLibraries;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@link DriverLibraries} as the agent's {@code POST /libraries {"jars":[...],"python_paths":[...]}}. */
final class AgentLibraries implements DriverLibraries {
    /** Spark copies each jar into its file server: generous for large jars on a slow disk. */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final ObjectMapper json = new ObjectMapper();
    private final AgentCommands agent;

    /** {@code agent}: requests to the cluster's running driver (without counting as activity). */
    AgentLibraries(AgentCommands agent) {
        this.agent = agent;
    }

    @Override
    public void add(String clusterId, List<Path> jars, List<Path> pythonPaths) {
        ObjectNode body = json.createObjectNode();
        jars.forEach(jar -> body.withArray("jars").add(jar.toAbsolutePath().toString()));
        pythonPaths.forEach(path -> body.withArray("python_paths").add(path.toAbsolutePath().toString()));
        agent.call(clusterId, "POST", "/libraries", body, TIMEOUT);
    }
}
