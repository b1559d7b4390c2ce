package org.brickworks.libraries.api.dto;

import java.util.List;

/** A cluster's libraries in the order they were installed, uninstalled ones last. */
public record ClusterLibraryStatuses(String clusterId, List<LibraryStatus> libraryStatuses) {
    public ClusterLibraryStatuses {
        libraryStatuses = List.copyOf(libraryStatuses);
    }
}
