package org.brickworks.core.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The services a component calls without referencing them, so that their bundles' updates do not restart it: each is
 * tracked from its first use until {@link #close}, and a call {@linkplain Awaiting#await waits} for the new provider
 * while one is swapped. Thread-safe.
 *
 * @since 2.1
 */
public final class TrackedServices implements AutoCloseable {
    private final Map<Class<?>, ServiceTracker<?, ?>> trackers = new ConcurrentHashMap<>();
    private final BundleContext context;

    public TrackedServices(BundleContext context) {
        this.context = context;
    }

    /**
     * The current {@code type} service, waiting for one while its bundle is being swapped.
     *
     * @param what
     *            the service as users know it, for the error when none comes in time
     */
    public <S> S await(Class<S> type, String what) {
        @SuppressWarnings("unchecked")
        ServiceTracker<S, S> tracker = (ServiceTracker<S, S>) trackers.computeIfAbsent(type, t -> {
            ServiceTracker<S, S> opened = new ServiceTracker<>(context, type, null);
            opened.open();
            return opened;
        });
        return Awaiting.await(tracker, what);
    }

    @Override
    public void close() {
        trackers.values().forEach(ServiceTracker::close);
        trackers.clear();
    }
}
