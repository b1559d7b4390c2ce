package org.brickworks.clusters.api.dto;

/**
 * How to reach a running cluster's driver agent.
 *
 * @param clusterId
 *            the cluster the driver belongs to
 * @param host
 *            the address the agent listens on
 * @param port
 *            the agent's HTTP port
 * @param secret
 *            the bearer token of every call to the agent (and of the driver's calls back to the platform)
 */
public record DriverChannel(String clusterId, String host, int port, String secret) {

    /** The agent's base address, {@code http://host:port}. */
    public String address() {
        return "http://" + host + ":" + port;
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "DriverChannel[" + clusterId + " at " + address() + "]";
    }
}
