package org.brickworks.libraries.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-1s of cached artifacts, computed once per file version (size and modification time): a warm
 * resolve of a Spark runtime would otherwise read its ~225 MB again on every cluster start. Thread-safe.
 */
final class Sha1Cache {
    private record Digest(long size, long modified, String sha1) {
    }

    private final Map<Path, Digest> digests = new ConcurrentHashMap<>();

    String of(Path file) {
        BasicFileAttributes attributes = attributes(file);
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        Digest known = digests.get(file);
        if (known != null && known.size() == size && known.modified() == modified) {
            return known.sha1();
        }
        String sha1 = Sha1.of(file);
        digests.put(file, new Digest(size, modified, sha1));
        return sha1;
    }

    private static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
