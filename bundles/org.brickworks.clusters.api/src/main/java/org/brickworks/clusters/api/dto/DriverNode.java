package org.brickworks.clusters.api.dto;

/**
 * A running cluster's driver: where its agent listens and which process it is.
 *
 * @param host
 *            the address the agent listens on, e.g. {@code 127.0.0.1}
 * @param port
 *            the agent's HTTP port
 * @param pid
 *            the driver process id on the platform's host
 * @param startTime
 *            when the driver became ready, epoch milliseconds
 * @param connectPort
 *            the driver's Spark Connect port on {@code host}, 0 when it serves none
 */
public record DriverNode(String host, int port, long pid, long startTime, int connectPort) {
}
