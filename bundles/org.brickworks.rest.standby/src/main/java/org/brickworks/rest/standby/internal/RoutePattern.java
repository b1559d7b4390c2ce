package org.brickworks.rest.standby.internal;

/**
 * How well a servlet pattern of the Servlet Whiteboard matches a request path, by the servlet specification's order:
 * an exact pattern beats every path prefix ({@code /a/*}), a longer prefix a shorter one, a prefix an extension
 * ({@code *.ext}), and an extension the default servlet ({@code /}).
 */
final class RoutePattern {
    /** The score of a pattern that does not match. */
    static final int NO_MATCH = -1;
    /** The score of the default servlet, which matches every path and serves none on purpose. */
    static final int DEFAULT = 0;

    private RoutePattern() {
    }

    /** The score of {@code pattern} for {@code path}: higher is more specific, {@link #NO_MATCH} when it misses. */
    static int score(String pattern, String path) {
        if (pattern.equals("/")) {
            return DEFAULT;
        }
        if (pattern.startsWith("*.")) {
            return path.endsWith(pattern.substring(1)) ? 1 : NO_MATCH;
        }
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/") ? 2 + prefix.length() : NO_MATCH;
        }
        return pattern.equals(path) ? Integer.MAX_VALUE : NO_MATCH;
    }

    /** The best score of {@code patterns} for {@code path}. */
    static int best(String[] patterns, String path) {
        int best = NO_MATCH;
        for (String pattern : patterns) {
            best = Math.max(best, score(pattern, path));
        }
        return best;
    }
}
