package org.brickworks.clusters.api.dto;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a driver agent is started with, on the platform's host.
 *
 * @param secretFile
 *            holds the driver's secret (first line), owner-only
 * @param readyFile
 *            where the agent announces that it serves
 * @param confFile
 *            the platform's Spark conf as a properties file, owner-only (it may hold secrets)
 * @param host
 *            the address the agent binds to
 * @param platformUrl
 *            the platform's base address as the driver reaches it (call-backs, Spark Connect token checks), null when
 *            unknown
 * @param sparkConf
 *            Spark conf for the command line (no secrets): the launcher's and the cluster spec's, in that order
 */
public record AgentStart(Path secretFile, Path readyFile, Path confFile, String host, String platformUrl,
        Map<String, String> sparkConf) {
    public AgentStart {
        // Kept in order: the command line lists it as given, the same for every start of the same spec.
        sparkConf = Collections.unmodifiableMap(new LinkedHashMap<>(sparkConf));
    }
}
