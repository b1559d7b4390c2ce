package org.brickworks.execution.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.brickworks.agent.protocol.AgentLaunch;
import org.brickworks.agent.protocol.PlatformPaths;
import org.brickworks.clusters.api.DriverAgent;
import org.brickworks.clusters.api.dto.AgentEndpoint;
import org.brickworks.clusters.api.dto.AgentStart;
import org.brickworks.clusters.api.dto.DriverChannel;
import org.brickworks.clusters.api.dto.ExecutorNode;
import org.brickworks.core.api.BrickworksException;
import org.osgi.service.component.annotations.Component;

/**
 * The agent protocol as the clusters service needs it to start, check and stop drivers: the agent's main class and
 * options ({@link AgentLaunch}), its ready file, and its health, shutdown and executors through the
 * {@link AgentClient}. Spark Connect checks tokens with the platform's SCIM {@code Me}. Stateless.
 */
@Component(service = DriverAgent.class)
public class ProtocolDriverAgent implements DriverAgent {
    private final AgentClient agents = new AgentClient();

    @Override
    public List<String> arguments(AgentStart start) {
        List<String> arguments = new ArrayList<>(List.of(AgentLaunch.MAIN_CLASS, AgentLaunch.SECRET_FILE,
                start.secretFile().toString(), AgentLaunch.READY_FILE, start.readyFile().toString(),
                AgentLaunch.CONF_FILE, start.confFile().toString(), AgentLaunch.HOST, start.host(), AgentLaunch.PORT,
                "0", AgentLaunch.CONNECT_PORT, "0"));
        if (start.platformUrl() != null) {
            arguments.addAll(List.of(AgentLaunch.AUTH_URL, start.platformUrl() + PlatformPaths.TOKEN_CHECK));
        }
        start.sparkConf().forEach((key, value) -> arguments.addAll(List.of(AgentLaunch.CONF, key + "=" + value)));
        return arguments;
    }

    @Override
    public Optional<AgentEndpoint> ready(Path readyFile) throws IOException {
        return AgentClient.ready(readyFile).map(ready -> new AgentEndpoint(ready.port(),
                ready.connectPort() == null ? 0 : ready.connectPort()));
    }

    @Override
    public boolean healthy(DriverChannel driver) {
        return agents.healthy(driver);
    }

    @Override
    public boolean shutDown(DriverChannel driver) {
        return agents.shutDown(driver);
    }

    @Override
    public List<ExecutorNode> executors(DriverChannel driver) throws IOException {
        try {
            return agents.executors(driver).executors().stream()
                    .map(e -> new ExecutorNode(e.executorId(), e.host(), e.cores(), e.startTime())).toList();
        } catch (BrickworksException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
