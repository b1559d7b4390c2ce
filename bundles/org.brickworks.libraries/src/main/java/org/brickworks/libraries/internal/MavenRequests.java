package org.brickworks.libraries.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.libraries.api.dto.MavenRequest;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.util.artifact.JavaScopes;

/** Turns a {@link MavenRequest} into the resolver's collect request, refusing malformed input up front. */
final class MavenRequests {
    private static final Set<String> SCHEMES = Set.of("https", "http", "file");

    private final RemoteRepository central;

    private final List<RemoteRepository> configured = new ArrayList<>();

    /** Maven Central (or what stands for it) first, then {@code repositories} ({id, url}) from the configuration. */
    MavenRequests(String centralUrl, List<String[]> repositories) {
        central = repository("central", centralUrl);
        repositories.forEach(r -> configured.add(repository(r[0], r[1])));
    }

    CollectRequest collectRequest(MavenRequest request) {
        if (request.coordinates().isEmpty()) {
            throw BrickworksException.invalidParameter("No Maven coordinates to resolve");
        }
        List<Exclusion> exclusions = request.exclusions().stream().map(MavenRequests::exclusion).toList();
        CollectRequest collect = new CollectRequest();
        for (String coordinates : request.coordinates()) {
            collect.addDependency(new Dependency(artifact(coordinates), JavaScopes.COMPILE, false, exclusions));
        }
        List<RemoteRepository> repositories = new ArrayList<>(List.of(central));
        repositories.addAll(configured);
        for (int i = 0; i < request.repositories().size(); i++) {
            repositories.add(repository("repository-" + (i + 1), request.repositories().get(i)));
        }
        collect.setRepositories(repositories);
        return collect;
    }

    private static DefaultArtifact artifact(String coordinates) {
        try {
            return new DefaultArtifact(coordinates);
        } catch (IllegalArgumentException e) {
            throw BrickworksException.invalidParameter("Bad Maven coordinates '" + coordinates
                    + "': expected group:artifact[:extension[:classifier]]:version");
        }
    }

    private static Exclusion exclusion(String groupAndArtifact) {
        String[] parts = groupAndArtifact.split(":", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw BrickworksException
                    .invalidParameter("Bad exclusion '" + groupAndArtifact + "': expected group:artifact");
        }
        return new Exclusion(parts[0], parts[1], "*", "*");
    }

    /** A remote repository whose downloads must match its checksums; releases never change once downloaded. */
    private static RemoteRepository repository(String id, String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme().toLowerCase())) {
                throw BrickworksException
                        .invalidParameter("Bad repository URL '" + url + "': expected https, http or file");
            }
        } catch (URISyntaxException e) {
            throw BrickworksException.invalidParameter("Bad repository URL '" + url + "': " + e.getMessage());
        }
        return new RemoteRepository.Builder(id, "default", url)
                .setReleasePolicy(new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_NEVER,
                        RepositoryPolicy.CHECKSUM_POLICY_FAIL))
                .setSnapshotPolicy(new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_DAILY,
                        RepositoryPolicy.CHECKSUM_POLICY_FAIL))
                .build();
    }
}
