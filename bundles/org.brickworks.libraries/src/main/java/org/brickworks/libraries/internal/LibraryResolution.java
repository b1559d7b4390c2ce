package org.brickworks.libraries.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.libraries.api.LibraryFileSource;
import org.brickworks.libraries.api.ResolutionListener;
import org.brickworks.libraries.api.dto.Library;
import org.brickworks.libraries.api.dto.MavenLibrary;
import org.brickworks.libraries.api.dto.MavenRequest;

/**
 * Turns a {@link Library} into files in the library caches: a Maven library into its closure (Apache Maven Resolver,
 * reading the runtime cache and the user's repository first), a PyPI library into a pip-installed folder, a
 * {@code dbfs:/} jar into a content-addressed copy and a {@code dbfs:/} wheel into a pip-installed folder. Thread-safe.
 */
final class LibraryResolution {
    /** What a library adds to a driver. */
    record Resolved(List<Path> jars, List<Path> pythonPaths) {
    }

    private final MavenEngine maven;
    private final Path mavenCache;
    private final List<Path> readOnly;
    private final PypiInstaller pypi;
    private final Path files;
    private final Supplier<LibraryFileSource> dbfs;

    /**
     * @param readOnly
     *            local Maven repositories read before downloading (the runtime cache, the user's repository)
     * @param dbfs
     *            the {@code dbfs} file source, null while there is none
     */
    LibraryResolution(MavenEngine maven, Path mavenCache, List<Path> readOnly, PypiInstaller pypi, Path files,
            Supplier<LibraryFileSource> dbfs) {
        this.maven = maven;
        this.mavenCache = mavenCache;
        this.readOnly = List.copyOf(readOnly);
        this.pypi = pypi;
        this.files = files;
        this.dbfs = dbfs;
    }

    /** Refuses a malformed library before anything is stored: {@code INVALID_PARAMETER_VALUE}. */
    static void validate(Library library) {
        if (library.maven() != null) {
            resolverCoordinates(library.maven().coordinates());
        } else if (library.pypi() != null) {
            PypiInstaller.validate(library.pypi().packageSpec(), library.pypi().repo());
        } else if (library.jar() != null) {
            dbfsPath(library.jar(), ".jar");
        } else {
            dbfsPath(library.whl(), ".whl");
        }
    }

    Resolved resolve(Library library) {
        validate(library);
        if (library.maven() != null) {
            return new Resolved(maven(library.maven()), List.of());
        }
        if (library.pypi() != null) {
            return new Resolved(List.of(), List.of(pypi.install(library.pypi().packageSpec(), library.pypi().repo())));
        }
        if (library.jar() != null) {
            return new Resolved(List.of(cachedCopy(fetch(library.jar()), fileName(library.jar()))), List.of());
        }
        // pip reads a wheel's name and version from its file name: keep it.
        Path wheel = cachedCopy(fetch(library.whl()), fileName(library.whl()));
        return new Resolved(List.of(), List.of(pypi.install(wheel.toString(), null)));
    }

    private List<Path> maven(MavenLibrary library) {
        MavenRequest request = new MavenRequest(List.of(resolverCoordinates(library.coordinates())),
                library.exclusions(), library.repo() == null || library.repo().isBlank() ? List.of()
                        : List.of(library.repo().strip()));
        return maven.resolve(request, ResolutionListener.NONE, mavenCache, readOnly).files();
    }

    /**
     * Databricks' {@code group:artifact:version[:classifier]} as the resolver's
     * {@code group:artifact[:extension[:classifier]]:version}.
     */
    static String resolverCoordinates(String coordinates) {
        String[] parts = coordinates == null ? new String[0] : coordinates.strip().split(":", -1);
        boolean blank = parts.length == 0 || List.of(parts).stream().anyMatch(String::isBlank);
        if (blank || parts.length < 3 || parts.length > 4) {
            throw BrickworksException.invalidParameter("Bad Maven coordinates '" + coordinates
                    + "': expected group:artifact:version[:classifier]");
        }
        return parts.length == 3 ? String.join(":", parts)
                : parts[0] + ":" + parts[1] + ":jar:" + parts[3] + ":" + parts[2];
    }

    private static void dbfsPath(String path, String extension) {
        if (!path.startsWith("dbfs:/") || !path.endsWith(extension) || path.contains("/../")) {
            throw BrickworksException.invalidParameter("Bad library path '" + path + "': expected dbfs:/..."
                    + extension);
        }
    }

    private Path fetch(String uri) {
        LibraryFileSource source = dbfs.get();
        if (source == null) {
            throw new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE,
                    "DBFS is not available: cannot read " + uri);
        }
        return source.fetch(uri);
    }

    private static String fileName(String dbfsPath) {
        return dbfsPath.substring(dbfsPath.lastIndexOf('/') + 1);
    }

    /** {@code files/<sha256 of the content>/<name>}: stable while DBFS changes, shared by equal files. */
    private Path cachedCopy(Path file, String name) {
        try {
            Path target = files.resolve(Digests.sha256(file)).resolve(name);
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                Path pending = target.resolveSibling("." + UUID.randomUUID());
                Files.copy(file, pending);
                Files.move(pending, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + file + " into the library cache", e);
        }
    }
}
