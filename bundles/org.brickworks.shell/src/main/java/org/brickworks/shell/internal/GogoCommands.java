package org.brickworks.shell.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The commands of one group component, published as Gogo commands with the standard {@code osgi.command.scope} and
 * {@code osgi.command.function} properties: each public {@code @Descriptor} method is a {@link CommandFunction} service
 * {@code bw:<dashed-name>} ({@code tokenCreate} is {@code bw:token-create}). A group publishes its commands from its
 * {@code @Activate} method and closes them in its {@code @Deactivate} method, so they come and go with it.
 */
final class GogoCommands implements AutoCloseable {
    static final String SCOPE = "bw";

    private final List<ServiceRegistration<Function>> registrations;

    private GogoCommands(List<ServiceRegistration<Function>> registrations) {
        this.registrations = registrations;
    }

    static GogoCommands publish(BundleContext context, Object group) {
        List<ServiceRegistration<Function>> registrations = new ArrayList<>();
        for (Method method : group.getClass().getMethods()) {
            if (method.isAnnotationPresent(Descriptor.class)) {
                registrations.add(context.registerService(Function.class, new CommandFunction(group, method),
                        properties(dashed(method.getName()))));
            }
        }
        return new GogoCommands(registrations);
    }

    /** {@code tokenCreate} as {@code token-create}. */
    static String dashed(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    @Override
    public void close() {
        for (ServiceRegistration<Function> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
    }

    private static Dictionary<String, Object> properties(String function) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(CommandProcessor.COMMAND_SCOPE, SCOPE);
        properties.put(CommandProcessor.COMMAND_FUNCTION, function);
        return properties;
    }
}
