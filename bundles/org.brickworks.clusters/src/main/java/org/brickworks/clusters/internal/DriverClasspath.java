package org.brickworks.clusters.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.brickworks.libraries.api.MavenResolver;
import org.brickworks.libraries.api.ResolutionListener;
import org.brickworks.libraries.api.dto.MavenRequest;
import org.brickworks.runtimes.api.RuntimeRegistry;
import org.brickworks.runtimes.api.dto.SparkRuntime;

/**
 * A driver's classpath: the runtime's agent jar (copied out of its plugin bundle) followed by the runtime's Maven
 * closure, resolved once per runtime and kept while its files exist. Progress goes to the cluster's events.
 * Thread-safe.
 */
final class DriverClasspath {
    private final ClusterRecords records;
    private final RuntimeRegistry runtimes;
    private final MavenResolver resolver;
    private final AgentJarCache agentJars;
    /** Closures by coordinates: resolving even a cached closure again costs seconds. */
    private final Map<List<String>, List<Path>> closures = new ConcurrentHashMap<>();

    DriverClasspath(ClusterRecords records, RuntimeRegistry runtimes, MavenResolver resolver, Path agentJarFolder) {
        this.records = records;
        this.runtimes = runtimes;
        this.resolver = resolver;
        this.agentJars = new AgentJarCache(agentJarFolder);
    }

    /** The classpath of a driver of {@code clusterId} on {@code runtime}; events go to the cluster when it exists. */
    List<Path> of(String clusterId, SparkRuntime runtime) throws IOException {
        List<Path> closure = closures.get(runtime.mavenCoordinates());
        if (closure == null || !closure.stream().allMatch(Files::isRegularFile)) {
            records.event(clusterId, "STARTING", "Resolving the libraries of " + runtime.name());
            long began = System.nanoTime();
            closure = resolver.resolve(new MavenRequest(runtime.mavenCoordinates(), List.of(), List.of()),
                    progress(clusterId)).files();
            closures.put(runtime.mavenCoordinates(), closure);
            records.event(clusterId, "STARTING", "Resolved " + closure.size() + " jars in "
                    + Duration.ofNanos(System.nanoTime() - began).toMillis() + " ms");
        }
        records.event(clusterId, "STARTING", "Launching the driver with " + closure.size() + " jars");
        List<Path> classpath = new ArrayList<>();
        classpath.add(agentJars.copy(runtimes.agentJar(runtime.key())));
        classpath.addAll(closure);
        return classpath;
    }

    private ResolutionListener progress(String clusterId) {
        return new ResolutionListener() {
            @Override
            public void downloadFinished(String url, long size) {
                records.event(clusterId, "RUNTIME_DOWNLOAD", "Downloaded " + url + " (" + size + " bytes)");
            }

            @Override
            public void downloadFailed(String url, String reason) {
                records.event(clusterId, "RUNTIME_DOWNLOAD", "Could not download " + url + ": " + reason);
            }
        };
    }
}
