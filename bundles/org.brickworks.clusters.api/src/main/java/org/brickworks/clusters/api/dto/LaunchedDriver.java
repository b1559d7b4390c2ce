package org.brickworks.clusters.api.dto;

import java.nio.file.Path;

/**
 * A driver a launcher started, not necessarily ready yet.
 *
 * @param pid
 *            the driver process id on the platform's host
 * @param host
 *            the address its agent listens on
 * @param readyFile
 *            written by the agent once it serves (see {@link org.brickworks.clusters.api.DriverAgent#ready})
 * @param secretFile
 *            the agent's secret (first line): the bearer token of every call to it
 */
public record LaunchedDriver(long pid, String host, Path readyFile, Path secretFile) {
}
