package org.brickworks.rest.standby.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The routes of the Servlet Whiteboard that went away and may come back: a servlet's patterns, or a servlet context
 * (its servlets go with it). A route that went away is pending for as long as it is given; once its service is back,
 * or the bundle that took it away has started again, for a short grace, the time the HTTP whiteboard takes to serve
 * it again. A route of an uninstalled bundle is forgotten at once. Thread-safe.
 */
final class PendingRoutes {
    /**
     * A servlet's pattern ({@code value} of kind {@code PATTERN}) or a servlet context ({@code name}, its path as
     * {@code value}), of the service {@code bundle} registered.
     */
    record Route(Kind kind, String name, String value, long bundle) {
    }

    enum Kind {
        PATTERN, CONTEXT
    }

    private record Pending(Route route, long until, boolean back) {
    }

    private final long grace;
    private final LongSupplier nanoTime;
    private final Map<Route, Pending> pending = new HashMap<>();
    private volatile boolean quiet = true;

    PendingRoutes(Duration grace, LongSupplier nanoTime) {
        this.grace = grace.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Whether no route is pending: a volatile read, the whole cost of this class while nothing is swapped. */
    boolean quiet() {
        return quiet;
    }

    /** {@code route} went away; it is waited for at most {@code patience}. */
    synchronized void removed(Route route, Duration patience) {
        pending.put(route, new Pending(route, nanoTime.getAsLong() + patience.toNanos(), false));
        quiet = false;
    }

    synchronized void added(Route route) {
        Pending gone = pending.get(route);
        if (gone != null) {
            pending.put(route, new Pending(route, nanoTime.getAsLong() + grace, true));
        }
    }

    /** {@code bundle} has started: what it took away and did not bring back is gone for good, after the grace. */
    synchronized void started(long bundle) {
        for (Pending gone : List.copyOf(pending.values())) {
            if (gone.route().bundle() == bundle && !gone.back()) {
                added(gone.route());
            }
        }
    }

    /** {@code bundle} is uninstalled: nothing it took away comes back. */
    synchronized void uninstalled(long bundle) {
        pending.keySet().removeIf(route -> route.bundle() == bundle);
        quiet = pending.isEmpty();
    }

    /**
     * Whether a request for {@code path} should wait: a pending pattern would serve it better than the patterns of
     * the servlet serving it now ({@code serving}, empty for none), or a pending context might serve it while nothing
     * but a default servlet does.
     */
    synchronized boolean holds(String path, String[] serving) {
        long now = nanoTime.getAsLong();
        int best = RoutePattern.best(serving, path);
        boolean hold = false;
        for (Pending gone : new ArrayList<>(pending.values())) {
            if (now - gone.until() > 0) {
                pending.remove(gone.route());
            } else if (gone.route().kind() == Kind.CONTEXT) {
                hold |= best <= RoutePattern.DEFAULT && under(path, gone.route().value());
            } else {
                hold |= RoutePattern.score(gone.route().value(), path) > best;
            }
        }
        quiet = pending.isEmpty();
        return hold;
    }

    private static boolean under(String path, String contextPath) {
        return contextPath.equals("/") || path.equals(contextPath) || path.startsWith(contextPath + "/");
    }
}
