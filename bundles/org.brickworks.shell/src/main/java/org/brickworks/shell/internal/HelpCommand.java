package org.brickworks.shell.internal;

import org.apache.felix.service.command.Descriptor;
import org.brickworks.core.api.BrickworksException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code bw:help}: every command of every scope with its description (ours first, plugins' included: any service with
 * the standard {@code osgi.command.scope} and {@code osgi.command.function} properties), or one command described in
 * full. A plain Gogo command itself: this component is the service, its method {@code help} the function.
 */
@Component(service = HelpCommand.class, property = { "osgi.command.scope=" + GogoCommands.SCOPE,
        "osgi.command.function=help" })
public class HelpCommand {
    private final CommandCatalog catalog;

    @Activate
    public HelpCommand(BundleContext context) {
        this.catalog = new CommandCatalog(context);
    }

    @Descriptor("List the commands of every scope, or describe one: its syntax, arguments and options")
    public String help(
            @Descriptor("a command, with or without its scope: token-create, bw:token-create, acme:hello") String... command) {
        if (command.length == 0) {
            Table table = new Table("COMMAND", "DESCRIPTION");
            catalog.list().forEach(c -> table.row(c.name(), c.summary()));
            return table.toString();
        }
        if (command.length > 1) {
            throw BrickworksException.invalidParameter("bw:help describes one command, got " + command.length);
        }
        return catalog.find(command[0]).map(CommandHelp::describe).orElseThrow(() -> BrickworksException
                .invalidParameter("No command " + command[0] + "; bw:help lists them"));
    }
}
