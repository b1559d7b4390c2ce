package org.brickworks.jobs.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.brickworks.clusters.api.ClusterListener;
import org.brickworks.clusters.api.ClusterService;
import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.core.api.TrackedServices;
import org.brickworks.libraries.api.ClusterLibraryService;
import org.brickworks.libraries.api.dto.Library;
import org.brickworks.libraries.api.dto.LibraryState;
import org.brickworks.libraries.api.dto.LibraryStatus;
import org.brickworks.libraries.api.dto.MavenLibrary;
import org.brickworks.libraries.api.dto.PypiLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The clusters and libraries services as job runs use them: existing clusters started when TERMINATED, job clusters
 * created from a {@code new_cluster} spec with {@code cluster_source} {@code JOB}, task libraries installed and
 * awaited. The services are tracked, not referenced: a clusters or libraries update does not restart the jobs
 * service, and calls wait for the new provider. As a {@link ClusterListener} it wakes the tasks waiting for a
 * cluster to run as soon as its state changes.
 */
final class ClusterCompute implements RunEngine.Compute, ClusterListener {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterCompute.class);
    private static final ObjectMapper SPEC = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final long POLL_MILLIS = 250;
    /** How long a task waits for its cluster to be RUNNING, or its libraries to be installed. */
    private static final long PATIENCE_MILLIS = 30 * 60_000L;

    private final TrackedServices services;
    /** How many cluster state changes were heard: its monitor is what waiting tasks wait on. */
    private final AtomicLong changes = new AtomicLong();

    ClusterCompute(TrackedServices services) {
        this.services = services;
    }

    private ClusterService clusters() {
        return services.await(ClusterService.class, "clusters");
    }

    @Override
    public void awaitRunning(String clusterId, boolean startIfTerminated) throws InterruptedException {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        boolean startAsked = !startIfTerminated;
        while (true) {
            long seen = changes.get();
            ClusterService service = clusters();
            ClusterInfo cluster = service.get(clusterId);
            switch (cluster.state()) {
            case RUNNING :
                return;
            case TERMINATED :
                if (startAsked) {
                    throw new BrickworksException(ErrorCode.INVALID_STATE, "Cluster " + clusterId
                            + " terminated: " + cluster.stateMessage());
                }
                service.start(clusterId);
                startAsked = true;
                break;
            case ERROR, UNKNOWN :
                throw new BrickworksException(ErrorCode.INVALID_STATE, "Cluster " + clusterId + " is "
                        + cluster.state() + ": " + cluster.stateMessage());
            default :
                break;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new BrickworksException(ErrorCode.INVALID_STATE, "Cluster " + clusterId
                        + " was not RUNNING within " + PATIENCE_MILLIS / 60_000 + " minutes");
            }
            synchronized (changes) {
                if (changes.get() == seen) {
                    changes.wait(POLL_MILLIS); // a change wakes it at once; the poll is the fallback
                }
            }
        }
    }

    /** Wakes the tasks waiting for a cluster's state. */
    @Override
    public void clusterChanged(ClusterInfo cluster) {
        synchronized (changes) {
            changes.incrementAndGet();
            changes.notifyAll();
        }
    }

    @Override
    public String create(JsonNode newCluster, String name, String user) {
        ObjectNode spec = ((ObjectNode) newCluster).deepCopy();
        spec.put("cluster_name", name);
        for (String map : List.of("spark_conf", "spark_env_vars", "custom_tags")) {
            if (!spec.path(map).isObject()) {
                spec.putObject(map);
            }
        }
        ClusterSpec cluster;
        try {
            cluster = SPEC.convertValue(spec, ClusterSpec.class);
        } catch (IllegalArgumentException e) {
            throw BrickworksException.invalidParameter("new_cluster is not a cluster spec: " + e.getMessage());
        }
        return clusters().create(cluster, ClusterInfo.JOB, user);
    }

    @Override
    public void terminate(String clusterId) {
        try {
            clusters().terminate(clusterId);
        } catch (BrickworksException e) {
            LOG.debug("Job cluster {} was not terminated: {}", clusterId, e.getMessage());
        }
    }

    @Override
    public void install(String clusterId, JsonNode libraries) throws InterruptedException {
        List<Library> wanted = new ArrayList<>();
        for (JsonNode library : libraries) {
            wanted.add(library(library));
        }
        if (wanted.isEmpty()) {
            return;
        }
        ClusterLibraryService service = services.await(ClusterLibraryService.class, "libraries");
        service.install(clusterId, wanted);
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (true) {
            Map<Library, LibraryStatus> statuses = service.clusterStatus(clusterId).libraryStatuses().stream()
                    .filter(s -> wanted.contains(s.library()))
                    .collect(Collectors.toMap(LibraryStatus::library, s -> s, (a, b) -> b));
            List<LibraryStatus> failed = statuses.values().stream().filter(s -> s.status() == LibraryState.FAILED)
                    .toList();
            if (!failed.isEmpty()) {
                throw new BrickworksException(ErrorCode.INVALID_STATE, failed.stream()
                        .map(s -> s.library().describe() + ": " + String.join("; ", s.messages()))
                        .collect(Collectors.joining(", ")));
            }
            if (statuses.size() == wanted.size()
                    && statuses.values().stream().allMatch(s -> s.status() == LibraryState.INSTALLED)) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new BrickworksException(ErrorCode.INVALID_STATE, "The task's libraries were not installed"
                        + " within " + PATIENCE_MILLIS / 60_000 + " minutes");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** A library of a task's {@code libraries}, in the Libraries API's JSON shape. */
    static Library library(JsonNode library) {
        try {
            if (library.hasNonNull("maven")) {
                JsonNode maven = library.get("maven");
                List<String> exclusions = new ArrayList<>();
                maven.path("exclusions").forEach(e -> exclusions.add(e.asText()));
                return new Library(new MavenLibrary(maven.path("coordinates").asText(),
                        maven.path("repo").asText(null), exclusions), null, null, null);
            }
            if (library.hasNonNull("pypi")) {
                JsonNode pypi = library.get("pypi");
                return new Library(null, new PypiLibrary(pypi.path("package").asText(), pypi.path("repo")
                        .asText(null)), null, null);
            }
            return new Library(null, null, library.path("jar").asText(null), library.path("whl").asText(null));
        } catch (IllegalArgumentException e) {
            throw BrickworksException.invalidParameter("libraries: " + library + " is not one library (maven, pypi,"
                    + " jar or whl): " + e.getMessage());
        }
    }
}
