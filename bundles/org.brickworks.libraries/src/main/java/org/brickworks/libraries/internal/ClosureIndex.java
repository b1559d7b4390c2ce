package org.brickworks.libraries.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.brickworks.libraries.api.dto.MavenRequest;
import org.brickworks.libraries.api.dto.ResolvedArtifact;
import org.brickworks.libraries.api.dto.ResolvedClosure;

/**
 * Closures already resolved, by request: a release's closure never changes, so resolving it again only needs its files
 * to still be there. Kept in memory and in {@code .closures/<sha256 of the request>} in the cache (one
 * {@code coordinates TAB sha1 TAB path} line per artifact), so a warm resolution skips the resolver's POM reading, also
 * after a restart. Requests with SNAPSHOT versions or version ranges are never indexed. Thread-safe.
 */
final class ClosureIndex {
    private final Path folder;
    private final Map<String, ResolvedClosure> known = new ConcurrentHashMap<>();

    ClosureIndex(Path cache) {
        this.folder = cache.resolve(".closures");
    }

    static boolean indexable(MavenRequest request) {
        return request.coordinates().stream()
                .noneMatch(c -> c.contains("SNAPSHOT") || c.contains("[") || c.contains("(") || c.contains(","));
    }

    /** The closure resolved earlier for {@code request}, when every file of it is still there. */
    Optional<ResolvedClosure> find(MavenRequest request, List<Path> roots) {
        String key = key(request, roots);
        ResolvedClosure closure = known.computeIfAbsent(key, this::read);
        if (closure == null || !closure.files().stream().allMatch(Files::isRegularFile)) {
            known.remove(key);
            return Optional.empty();
        }
        return Optional.of(closure);
    }

    void remember(MavenRequest request, List<Path> roots, ResolvedClosure closure) {
        String key = key(request, roots);
        known.put(key, closure);
        StringBuilder lines = new StringBuilder();
        for (ResolvedArtifact artifact : closure.artifacts()) {
            lines.append(artifact.coordinates()).append('\t').append(artifact.sha1()).append('\t')
                    .append(artifact.file()).append('\n');
        }
        try {
            Files.createDirectories(folder);
            Path pending = folder.resolve(key + "." + UUID.randomUUID());
            Files.writeString(pending, lines);
            Files.move(pending, folder.resolve(key), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the closure index " + folder, e);
        }
    }

    private ResolvedClosure read(String key) {
        Path file = folder.resolve(key);
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            List<ResolvedArtifact> artifacts = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.split("\t", 3);
                if (parts.length == 3) {
                    artifacts.add(new ResolvedArtifact(parts[0], Path.of(parts[2]), parts[1]));
                }
            }
            return new ResolvedClosure(artifacts);
        } catch (IOException e) {
            return null; // unreadable: resolve again
        }
    }

    /** The request and where it may be resolved from (another set of local repositories is another answer). */
    private static String key(MavenRequest request, List<Path> roots) {
        return Digests.sha256(request.coordinates() + "|" + request.exclusions() + "|" + request.repositories() + "|"
                + roots);
    }
}
