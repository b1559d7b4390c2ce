package org.brickworks.shell.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;

/** Usage text of a command method, from its {@code @Descriptor} and {@code @Parameter} annotations. */
final class CommandHelp {
    private CommandHelp() {
    }

    static String summary(Method method) {
        return method.getAnnotation(Descriptor.class).value();
    }

    static String describe(String name, Method method) {
        StringBuilder usage = new StringBuilder(name);
        Table options = new Table("OPTION", "DESCRIPTION");
        Table arguments = new Table("ARGUMENT", "DESCRIPTION");
        for (Parameter parameter : method.getParameters()) {
            if (parameter.getType() == CommandSession.class) {
                continue;
            }
            Descriptor descriptor = parameter.getAnnotation(Descriptor.class);
            String text = descriptor == null ? "" : descriptor.value();
            org.apache.felix.service.command.Parameter option = parameter
                    .getAnnotation(org.apache.felix.service.command.Parameter.class);
            if (option != null) {
                options.row(String.join(", ", option.names()), text + " (default " + option.absentValue() + ")");
            } else {
                String argument = parameter.isVarArgs() ? "[" + text.split(" ")[0] + "...]"
                        : "<" + text.split(" ")[0] + ">";
                usage.append(' ').append(argument);
                arguments.row(argument, text);
            }
        }
        if (options.size() > 0) {
            usage.insert(name.length(), " [options]");
        }
        StringBuilder out = new StringBuilder(summary(method)).append("\n\nUsage: ").append(usage);
        if (options.size() > 0) {
            out.append("\n\n").append(options);
        }
        if (arguments.size() > 0) {
            out.append("\n\n").append(arguments);
        }
        return out.toString();
    }
}
