package org.brickworks.agent.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The ready file's content ({@link AgentLaunch#READY_FILE}), written once the agent serves.
 *
 * @param port
 *            the agent's HTTP port
 * @param sparkVersion
 *            the driver's Spark version
 * @param pid
 *            the driver process id
 * @param connectPort
 *            Spark Connect's port, null when Connect is off
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Ready(int port, String sparkVersion, long pid, Integer connectPort) {
}
