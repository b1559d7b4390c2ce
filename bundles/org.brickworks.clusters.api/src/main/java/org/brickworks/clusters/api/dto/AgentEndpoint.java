package org.brickworks.clusters.api.dto;

/**
 * Where a ready driver agent serves, as its ready file says.
 *
 * @param port
 *            the agent's HTTP port
 * @param connectPort
 *            the driver's Spark Connect port, 0 when it serves none
 */
public record AgentEndpoint(int port, int connectPort) {
}
