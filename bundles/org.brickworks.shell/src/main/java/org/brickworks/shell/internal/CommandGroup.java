package org.brickworks.shell.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;

/**
 * A component whose public {@code @Descriptor} methods are {@code bw:} commands, published as Gogo command services by
 * {@link GogoCommands} while the component is active. Its activate and deactivate methods are these (pde.bnd has
 * {@code -dsannotations-options: inherit} so that the components' descriptions name them).
 */
abstract class CommandGroup {
    private GogoCommands published;

    @Activate
    void publishCommands(BundleContext context) {
        published = GogoCommands.publish(context, this);
    }

    @Deactivate
    void unpublishCommands() {
        published.close();
    }
}
