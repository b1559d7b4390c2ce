package org.brickworks.shell.internal;

import org.brickworks.core.api.Awaiting;
import org.brickworks.core.api.TrackedServices;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;

/**
 * A component whose public {@code @Descriptor} methods are {@code bw:} commands, published as Gogo command services by
 * {@link GogoCommands} while the component is active. Its activate and deactivate methods are these (pde.bnd has
 * {@code -dsannotations-options: inherit} so that the components' descriptions name them).
 * <p>
 * The platform's services a command calls are not DS references of the group: those would restart the group (and
 * unpublish its commands) whenever the bundle providing one is updated. A command asks {@link #service} instead, which
 * tracks the service and, during such an update, waits for the new provider ({@link Awaiting}).
 */
abstract class CommandGroup {
    private volatile TrackedServices services;
    private GogoCommands published;

    @Activate
    void publishCommands(BundleContext context) {
        services = new TrackedServices(context);
        published = GogoCommands.publish(context, this);
    }

    @Deactivate
    void unpublishCommands() {
        published.close();
        services.close();
    }

    /**
     * The current {@code type} service, waiting for one while its bundle is being swapped.
     *
     * @param what
     *            the service as users know it, for the error when none comes in time
     */
    protected <S> S service(Class<S> type, String what) {
        return services.await(type, what);
    }
}
