package org.brickworks.libraries.api.dto;

import java.nio.file.Path;

/**
 * One of the library caches.
 *
 * @param kind
 *            {@code maven} or {@code pypi}
 * @param directory
 *            where it lives
 * @param entries
 *            Maven: artifact files (jars, POMs); PyPI: installed package sets
 * @param bytes
 *            its size on disk
 */
public record LibraryCache(String kind, Path directory, long entries, long bytes) {
}
