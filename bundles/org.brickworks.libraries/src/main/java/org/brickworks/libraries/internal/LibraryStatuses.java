package org.brickworks.libraries.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.brickworks.libraries.api.dto.Library;
import org.brickworks.libraries.api.dto.LibraryState;
import org.brickworks.libraries.api.dto.LibraryStatus;
import org.brickworks.libraries.internal.LibraryRecords.StoredLibrary;

/**
 * The install progress of each cluster's libraries, in memory: rebuilt from the store and the clusters' states when the
 * service starts (a library without progress here is PENDING). Thread-safe.
 */
final class LibraryStatuses {
    private record Progress(LibraryState state, List<String> messages) {
    }

    private final Map<String, Map<Library, Progress>> clusters = new ConcurrentHashMap<>();

    void set(String clusterId, Library library, LibraryState state, String... messages) {
        clusters.computeIfAbsent(clusterId, id -> new ConcurrentHashMap<>()).put(library,
                new Progress(state, List.of(messages)));
    }

    LibraryState state(String clusterId, Library library) {
        Progress progress = clusters.getOrDefault(clusterId, Map.of()).get(library);
        return progress == null ? LibraryState.PENDING : progress.state();
    }

    void forget(String clusterId) {
        clusters.remove(clusterId);
    }

    /** The statuses of {@code stored}: installed ones in order, then those marked for uninstall. */
    List<LibraryStatus> of(String clusterId, List<StoredLibrary> stored) {
        Map<Library, Progress> progress = clusters.getOrDefault(clusterId, Map.of());
        List<LibraryStatus> statuses = new ArrayList<>();
        for (StoredLibrary library : stored) {
            if (!library.uninstall()) {
                Progress p = progress.getOrDefault(library.library(), new Progress(LibraryState.PENDING, List.of()));
                statuses.add(new LibraryStatus(library.library(), p.state(), p.messages()));
            }
        }
        for (StoredLibrary library : stored) {
            if (library.uninstall()) {
                statuses.add(new LibraryStatus(library.library(), LibraryState.UNINSTALL_ON_RESTART, List.of()));
            }
        }
        return statuses;
    }
}
