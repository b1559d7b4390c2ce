package org.brickworks.clusters.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.brickworks.clusters.api.dto.AgentEndpoint;
import org.brickworks.clusters.api.dto.AgentStart;
import org.brickworks.clusters.api.dto.DriverChannel;
import org.brickworks.clusters.api.dto.ExecutorNode;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What the clusters service needs of the driver agent's protocol to start, check and stop drivers, provided by the
 * service that alone speaks that protocol (command execution): the clusters bundle never names an agent class, option
 * or path. Thread-safe; each call that talks to a driver takes a few seconds at most.
 */
@ConsumerType
public interface DriverAgent {

    /** The agent's main class and options, to follow {@code java <JVM options> -cp <classpath>}. */
    List<String> arguments(AgentStart start);

    /**
     * What the agent announced in its ready file once it serves; empty while the file does not exist.
     *
     * @throws IOException
     *             when the file exists but cannot be read
     */
    Optional<AgentEndpoint> ready(Path readyFile) throws IOException;

    /** Whether the driver's agent answers its health check with {@code driver}'s secret. */
    boolean healthy(DriverChannel driver);

    /** Asks the driver to stop Spark and exit; false when it did not take the request (the caller then kills it). */
    boolean shutDown(DriverChannel driver);

    /**
     * The Spark executors the driver reports, oldest first.
     *
     * @throws IOException
     *             when the driver does not answer
     */
    List<ExecutorNode> executors(DriverChannel driver) throws IOException;
}
