package org.brickworks.shell.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Every command the framework offers: the services with {@code osgi.command.scope} and {@code osgi.command.function},
 * whoever registered them, read afresh on each call. A command is described by the method Gogo would call for it,
 * found the way Gogo finds it (the function's name, or with {@code get}, {@code set} or {@code is} before it, in any
 * case), preferring one with a {@code @Descriptor}.
 */
final class CommandCatalog {
    private static final String FILTER = "(&(" + CommandProcessor.COMMAND_SCOPE + "=*)("
            + CommandProcessor.COMMAND_FUNCTION + "=*))";
    /** Ours first, then by scope and name. */
    private static final Comparator<ShellCommand> ORDER = Comparator
            .comparing((ShellCommand command) -> !command.scope().equals(GogoCommands.SCOPE))
            .thenComparing(ShellCommand::scope).thenComparing(ShellCommand::function);

    private final BundleContext context;

    CommandCatalog(BundleContext context) {
        this.context = context;
    }

    List<ShellCommand> list() {
        List<ShellCommand> commands = new ArrayList<>();
        for (ServiceReference<?> reference : references()) {
            Object service = context.getService(reference);
            if (service == null) {
                continue; // gone meanwhile
            }
            try {
                String scope = String.valueOf(reference.getProperty(CommandProcessor.COMMAND_SCOPE));
                for (String function : functions(reference.getProperty(CommandProcessor.COMMAND_FUNCTION))) {
                    commands.add(new ShellCommand(scope, function, method(service, function)));
                }
            } finally {
                context.ungetService(reference);
            }
        }
        commands.sort(ORDER);
        return commands;
    }

    /** The command {@code scope:function}, or the first (in {@link #ORDER}) called {@code function}. */
    Optional<ShellCommand> find(String name) {
        int colon = name.indexOf(':');
        return list().stream().filter(command -> colon < 0 ? command.function().equals(name)
                : command.name().equals(name)).findFirst();
    }

    private ServiceReference<?>[] references() {
        try {
            ServiceReference<?>[] references = context.getServiceReferences((String) null, FILTER);
            return references == null ? new ServiceReference<?>[0] : references;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // the filter is a constant
        }
    }

    /** {@code osgi.command.function} may be one name, an array or a collection of them. */
    private static List<String> functions(Object property) {
        Stream<?> names = property instanceof Object[] array ? Stream.of(array)
                : property instanceof Collection<?> collection ? collection.stream() : Stream.of(property);
        return names.map(String::valueOf).toList();
    }

    private static Method method(Object service, String function) {
        if (service instanceof CommandFunction command) {
            return command.method();
        }
        String name = function.toLowerCase(Locale.ROOT);
        List<String> accepted = List.of(name, "get" + name, "set" + name, "is" + name);
        return Stream.of(service.getClass().getMethods())
                .filter(method -> accepted.contains(method.getName().toLowerCase(Locale.ROOT)))
                .max(Comparator.comparing(method -> method.isAnnotationPresent(Descriptor.class))).orElse(null);
    }
}
