package org.brickworks.libraries.api.dto;

import java.nio.file.Path;

/**
 * One resolved artifact.
 *
 * @param coordinates
 *            {@code group:artifact:extension[:classifier]:version} as resolved (the version nearest-wins chose)
 * @param file
 *            the artifact in the cache (or in the user's local Maven repository); read it, never change it
 * @param sha1
 *            the SHA-1 of {@code file}, lower-case hex
 */
public record ResolvedArtifact(String coordinates, Path file, String sha1) {
}
