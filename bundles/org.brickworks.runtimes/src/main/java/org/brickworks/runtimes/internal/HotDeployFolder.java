package org.brickworks.runtimes.internal;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The folder Felix File Install watches for bundles ({@code plugins/}). A bundle it installed has its file's URI as
 * location; removing such a bundle must delete the file too, or File Install installs it again on its next scan.
 */
final class HotDeployFolder {
    private final Path folder;

    HotDeployFolder(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /** The file in this folder a bundle was installed from, if its {@code location} is one. */
    Optional<Path> fileOf(String location) {
        String uri = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        try {
            Path file = Path.of(new URI(uri)).toAbsolutePath().normalize();
            return folder.equals(file.getParent()) ? Optional.of(file) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty(); // not an absolute file: URI, so not a file File Install watches
        }
    }

    @Override
    public String toString() {
        return folder.toString();
    }
}
