package org.brickworks.shell.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.felix.gogo.runtime.Reflective;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Publishes the methods of every {@link ShellCommands} component as Gogo functions in scope {@code bw}. Gogo finds a
 * command's method by its name, and Java names cannot hold the dashes our commands have, so each command is its own
 * {@link Function} calling the method through Gogo's own argument coercion. Also serves {@code bw:help}, since Gogo's
 * {@code help} finds methods by command name too. Immediate: Gogo fetches a command service only when it runs, so a
 * delayed registrar would publish nothing until someone typed {@code bw:help}.
 */
@Component(immediate = true, service = CommandRegistrar.class, property = { "osgi.command.scope=bw",
        "osgi.command.function=help" })
public class CommandRegistrar {
    private final BundleContext context;
    private final Map<String, Method> commands = new ConcurrentHashMap<>();
    private final Map<ShellCommands, List<ServiceRegistration<Function>>> registrations = new ConcurrentHashMap<>();

    @Activate
    public CommandRegistrar(BundleContext context) {
        this.context = context;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCommands(ShellCommands target) {
        List<ServiceRegistration<Function>> published = new ArrayList<>();
        for (Method method : target.getClass().getMethods()) {
            if (method.isAnnotationPresent(Descriptor.class)) {
                String name = dashed(method.getName());
                commands.put(name, method);
                published.add(context.registerService(Function.class,
                        (session, arguments) -> Reflective.invoke(session, target, method.getName(), arguments),
                        properties(name)));
            }
        }
        registrations.put(target, published);
    }

    void removeCommands(ShellCommands target) {
        List<ServiceRegistration<Function>> published = registrations.remove(target);
        if (published != null) {
            published.forEach(registration -> {
                commands.remove(registration.getReference().getProperty(CommandProcessor.COMMAND_FUNCTION));
                unregisterQuietly(registration);
            });
        }
    }

    @Deactivate
    void unpublishAll() {
        registrations.keySet().forEach(this::removeCommands);
    }

    @Descriptor("List the bw: commands, or describe one with its options and arguments")
    public String help(CommandSession session, @Descriptor("command name, e.g. token-create") String... command) {
        if (command.length == 0) {
            Table table = new Table("COMMAND", "DESCRIPTION");
            new TreeMap<>(commands).forEach((name, method) -> table.row("bw:" + name, CommandHelp.summary(method)));
            return table.toString();
        }
        String name = command[0].replaceFirst("^bw:", "");
        Method method = commands.get(name);
        if (method == null) {
            throw new IllegalArgumentException("No command bw:" + name + "; bw:help lists them");
        }
        return CommandHelp.describe("bw:" + name, method);
    }

    static String dashed(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static Dictionary<String, Object> properties(String name) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(CommandProcessor.COMMAND_SCOPE, "bw");
        properties.put(CommandProcessor.COMMAND_FUNCTION, name);
        return properties;
    }

    private static void unregisterQuietly(ServiceRegistration<Function> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
    }
}
