package org.brickworks.rest.internal;

import java.time.Duration;

import org.brickworks.core.api.Awaiting;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Waiting for a service another bundle provides while it is being swapped: a component keeps its dynamic, greedy
 * reference in a volatile field and asks {@link #get} with the field's value. While a provider is bound that is the
 * answer; during a bundle update of the provider the caller waits for the new one through a {@link ServiceTracker}
 * ({@link Awaiting}), up to the configured service wait, instead of failing. Opened with the component, closed in its
 * deactivate. A request still in flight when its own component is deactivated (this bundle being updated: SCR unbinds
 * the field and the tracker is closed while the request runs) is served by the service tracked at the close, which
 * another bundle keeps registered. Thread-safe.
 */
final class ServiceWait<S> {
    private final ServiceTracker<S, S> tracker;
    private final String what;
    private final Duration patience;
    private volatile S atClose;

    /** Tracks {@code type}; {@code what} names it in the error a caller gets when none comes in time. */
    ServiceWait(BundleContext context, Class<S> type, String what, RestConfig config) {
        this(new ServiceTracker<>(context, type, null), what, Duration.ofSeconds(config.serviceWaitSeconds()));
        tracker.open();
    }

    private ServiceWait(ServiceTracker<S, S> tracker, String what, Duration patience) {
        this.tracker = tracker;
        this.what = what;
        this.patience = patience;
    }

    /** A wait that never waits: {@link #get} answers the bound service or fails at once (components under test). */
    static <S> ServiceWait<S> none(String what) {
        return new ServiceWait<>(null, what, Duration.ZERO);
    }

    /**
     * {@code bound}, or while none is bound the tracked service, waiting for one.
     *
     * @throws BrickworksException
     *             {@code TEMPORARILY_UNAVAILABLE} when none came within the service wait
     */
    S get(S bound) {
        if (bound != null) {
            return bound;
        }
        if (tracker == null) {
            throw new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE,
                    "The " + what + " service is not available; try again shortly");
        }
        try {
            return Awaiting.await(tracker, what, patience);
        } catch (BrickworksException e) {
            S kept = atClose; // set before the tracker closed, and a closed tracker answers at once
            if (kept == null) {
                throw e;
            }
            return kept;
        }
    }

    void close() {
        if (tracker != null) {
            atClose = tracker.getService();
            tracker.close();
        }
    }
}
