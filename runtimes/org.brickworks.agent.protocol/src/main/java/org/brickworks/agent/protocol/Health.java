package org.brickworks.agent.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code GET /health}.
 *
 * @param state
 *            {@code RUNNING}, or {@code TERMINATING} after a shutdown request
 * @param deltaVersion
 *            null when Delta is not on the classpath
 * @param connectPort
 *            null when Spark Connect is off
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Health(String state, String sparkVersion, String scalaVersion, String deltaVersion, long uptimeMillis,
        Integer connectPort) {
}
