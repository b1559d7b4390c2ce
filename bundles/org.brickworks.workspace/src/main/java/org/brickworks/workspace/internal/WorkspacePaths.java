package org.brickworks.workspace.internal;

import org.brickworks.core.api.BrickworksException;

/** Workspace path rules: absolute, normalized, inside the root. Stateless. */
final class WorkspacePaths {
    static final String ROOT = "/";
    static final int MAX_LENGTH = 4000;

    private WorkspacePaths() {
    }

    /**
     * {@code path} with repeated and trailing slashes removed.
     *
     * @throws BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} for a missing, relative or too long path, {@code .} or {@code ..}
     *             segments (which could leave the workspace root) and control characters
     */
    static String normalize(String path) {
        if (path == null || path.isEmpty()) {
            throw BrickworksException.invalidParameter("Missing required field: path");
        }
        if (!path.startsWith("/")) {
            throw BrickworksException.invalidParameter("Path (" + path + ") must be absolute, starting with /");
        }
        if (path.length() > MAX_LENGTH) {
            throw BrickworksException.invalidParameter("Path is longer than " + MAX_LENGTH + " characters");
        }
        StringBuilder normal = new StringBuilder();
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw BrickworksException.invalidParameter(
                        "Path (" + path + ") must not contain . or .. segments: it would leave the workspace root");
            }
            if (segment.chars().anyMatch(Character::isISOControl)) {
                throw BrickworksException.invalidParameter("Path (" + path.strip() + ") contains control characters");
            }
            normal.append('/').append(segment);
        }
        return normal.length() == 0 ? ROOT : normal.toString();
    }

    /** The parent of a normalized path; null for the root. */
    static String parent(String path) {
        if (ROOT.equals(path)) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        return slash == 0 ? ROOT : path.substring(0, slash);
    }

    /** The last segment of a normalized path. */
    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
