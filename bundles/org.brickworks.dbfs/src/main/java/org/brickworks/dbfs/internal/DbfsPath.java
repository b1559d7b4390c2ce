package org.brickworks.dbfs.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.brickworks.core.api.BrickworksException;

/**
 * A normalised absolute DBFS path: {@code /} or {@code /a/b}, without scheme, empty or {@code .} segments, with
 * {@code ..} resolved (and refused where it would climb above the root). Takes {@code dbfs:/a}, {@code dbfs:a} is
 * refused, as is any other scheme, a relative path, a backslash or a control character.
 */
record DbfsPath(List<String> segments) {
    static final DbfsPath ROOT = new DbfsPath(List.of());
    private static final String SCHEME = "dbfs:";

    DbfsPath {
        segments = List.copyOf(segments);
    }

    static DbfsPath of(String raw) {
        if (raw == null || raw.isBlank()) {
            throw BrickworksException.invalidParameter("A DBFS path is required");
        }
        String path = raw.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) ? raw.substring(SCHEME.length()) : raw;
        if (!path.startsWith("/")) {
            throw BrickworksException.invalidParameter("Invalid path " + raw
                    + ": an absolute DBFS path (/a/b or dbfs:/a/b) is required; other schemes and host paths are not");
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            throw BrickworksException.invalidParameter("Invalid path " + raw + ": control characters and backslashes"
                    + " are not allowed");
        }
        Deque<String> kept = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (kept.isEmpty()) {
                    throw BrickworksException.invalidParameter("Invalid path " + raw + ": it leads out of DBFS");
                }
                kept.removeLast();
            } else {
                kept.addLast(segment);
            }
        }
        return new DbfsPath(List.copyOf(kept));
    }

    boolean isRoot() {
        return segments.isEmpty();
    }

    /** Whether {@code this} is {@code other} or lies below it. */
    boolean startsWith(DbfsPath other) {
        return segments.size() >= other.segments.size()
                && segments.subList(0, other.segments.size()).equals(other.segments);
    }

    /** The part below {@code ancestor}, as a relative path ({@code ""} for {@code ancestor} itself). */
    String relativeTo(DbfsPath ancestor) {
        return String.join("/", segments.subList(ancestor.segments.size(), segments.size()));
    }

    DbfsPath parent() {
        return isRoot() ? this : new DbfsPath(segments.subList(0, segments.size() - 1));
    }

    DbfsPath child(String relative) {
        return relative.isEmpty() ? this : of(this + (isRoot() ? "" : "/") + relative);
    }

    String name() {
        return isRoot() ? "" : segments.get(segments.size() - 1);
    }

    @Override
    public String toString() {
        return "/" + String.join("/", segments);
    }
}
