package org.brickworks.libraries.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.brickworks.libraries.api.dto.LibraryCache;

/** Sizes a library cache: Maven and files count their files, PyPI its installed sets. */
final class LibraryCaches {
    private LibraryCaches() {
    }

    static LibraryCache measure(String kind, Path directory) {
        if (!Files.isDirectory(directory)) {
            return new LibraryCache(kind, directory, 0, 0);
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            long[] counts = new long[2];
            // Dot folders hold bookkeeping (.staging downloads in progress, .closures index), not cached libraries.
            walk.filter(Files::isRegularFile).filter(f -> !directory.relativize(f).toString().startsWith("."))
                    .forEach(file -> {
                        counts[0]++;
                        counts[1] += size(file);
                    });
            long entries = "pypi".equals(kind) ? sets(directory.resolve("sets")) : counts[0];
            return new LibraryCache(kind, directory, entries, counts[1]);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the cache " + directory, e);
        }
    }

    private static long sets(Path sets) throws IOException {
        if (!Files.isDirectory(sets)) {
            return 0;
        }
        try (Stream<Path> list = Files.list(sets)) {
            return list.count();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // deleted while counting
        }
    }
}
