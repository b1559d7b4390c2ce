package org.brickworks.shell.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;

/**
 * A command described as Karaf's help describes one: DESCRIPTION, SYNTAX, ARGUMENTS and OPTIONS, from its method's
 * {@code @Descriptor} and {@code @Parameter} annotations. Arguments are named after the Java parameters (the shell
 * bundle is compiled with {@code -parameters}; a method compiled without them shows {@code arg1}, {@code arg2}...),
 * dashed: {@code clusterId} is {@code <cluster-id>}. An option shows its default only when it has one that says
 * something: not for a flag, nor an empty default.
 */
final class CommandHelp {
    private static final String INDENT = "        ";
    /** Gogo's option annotation; its simple name is taken by java.lang.reflect.Parameter here. */
    private static final Class<org.apache.felix.service.command.Parameter> OPTION = org.apache.felix.service.command.Parameter.class;

    private final StringBuilder syntax;
    private final List<String> arguments = new ArrayList<>();
    private final List<String> options = new ArrayList<>();

    private CommandHelp(String name) {
        this.syntax = new StringBuilder(name);
    }

    static String describe(ShellCommand command) {
        CommandHelp help = new CommandHelp(command.name());
        if (command.method() != null) {
            help.read(command.method());
        }
        if (!help.options.isEmpty()) {
            help.syntax.insert(command.name().length(), " [options]");
        }
        StringBuilder out = new StringBuilder("DESCRIPTION\n").append(INDENT).append(command.name()).append("\n\n");
        if (!command.summary().isEmpty()) {
            out.append(INDENT).append(command.summary()).append("\n\n");
        }
        out.append("SYNTAX\n").append(INDENT).append(help.syntax).append('\n');
        section(out, "ARGUMENTS", help.arguments);
        section(out, "OPTIONS", help.options);
        return out.toString().stripTrailing();
    }

    private void read(Method method) {
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            if (parameter.getType() == CommandSession.class) {
                continue; // Gogo passes the session itself
            }
            String name = parameter.isNamePresent() ? GogoCommands.dashed(parameter.getName()) : "arg" + (i + 1);
            org.apache.felix.service.command.Parameter option = parameter.getAnnotation(OPTION);
            if (option != null) {
                options.add(option(option, name, text(parameter)));
            } else {
                syntax.append(' ').append(parameter.isVarArgs() ? "[" + name + "...]" : "<" + name + ">");
                arguments.add(entry(name, text(parameter)));
            }
        }
    }

    private static String option(org.apache.felix.service.command.Parameter option, String name, String text) {
        String unspecified = org.apache.felix.service.command.Parameter.UNSPECIFIED;
        boolean flag = !unspecified.equals(option.presentValue());
        String absent = option.absentValue();
        boolean showDefault = !flag && !absent.isEmpty() && !unspecified.equals(absent);
        return entry(String.join(", ", option.names()) + (flag ? "" : " <" + name + ">"),
                showDefault ? text + "\n" + INDENT + INDENT + "(default: " + absent + ")" : text);
    }

    private static String entry(String name, String text) {
        return INDENT + name + (text.isEmpty() ? "" : "\n" + INDENT + INDENT + text);
    }

    private static void section(StringBuilder out, String title, List<String> entries) {
        if (!entries.isEmpty()) {
            out.append('\n').append(title).append('\n').append(String.join("\n", entries)).append('\n');
        }
    }

    private static String text(Parameter parameter) {
        Descriptor descriptor = parameter.getAnnotation(Descriptor.class);
        return descriptor == null ? "" : descriptor.value();
    }
}
