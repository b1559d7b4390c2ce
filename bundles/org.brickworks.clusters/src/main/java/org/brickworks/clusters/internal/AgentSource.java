package org.brickworks.clusters.internal;

import java.time.Duration;

import org.brickworks.clusters.api.DriverAgent;
import org.brickworks.core.api.Awaiting;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/** The {@link DriverAgent} of another bundle (command execution), which may be swapped while clusters run. */
interface AgentSource extends AutoCloseable {

    /** The agent protocol's provider now, null when there is none. */
    DriverAgent now();

    /**
     * The provider, waiting up to {@code patience} for one.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code TEMPORARILY_UNAVAILABLE} when none came in time
     */
    DriverAgent await(Duration patience);

    @Override
    void close();

    /** The provider as registered in {@code context}, tracked until {@link #close()}. */
    static AgentSource tracked(BundleContext context) {
        ServiceTracker<DriverAgent, DriverAgent> tracker = new ServiceTracker<>(context, DriverAgent.class, null);
        tracker.open();
        return new AgentSource() {
            @Override
            public DriverAgent now() {
                return tracker.getService();
            }

            @Override
            public DriverAgent await(Duration patience) {
                return Awaiting.await(tracker, "driver agent (command execution)", patience);
            }

            @Override
            public void close() {
                tracker.close();
            }
        };
    }
}
