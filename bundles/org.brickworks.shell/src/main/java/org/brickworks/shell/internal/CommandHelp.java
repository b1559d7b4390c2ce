package org.brickworks.shell.internal;

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

    private CommandHelp() {
    }

    static String describe(ShellCommand command) {
        List<String> arguments = new ArrayList<>();
        List<String> options = new ArrayList<>();
        StringBuilder syntax = new StringBuilder(command.name());
        if (command.method() != null) {
            Parameter[] parameters = command.method().getParameters();
            for (int i = 0; i < parameters.length; i++) {
                Parameter parameter = parameters[i];
                if (parameter.getType() == CommandSession.class) {
                    continue;
                }
                String name = parameter.isNamePresent() ? GogoCommands.dashed(parameter.getName()) : "arg" + (i + 1);
                org.apache.felix.service.command.Parameter option = parameter
                        .getAnnotation(org.apache.felix.service.command.Parameter.class);
                if (option != null) {
                    options.add(option(option, name, text(parameter)));
                } else {
                    String shown = parameter.isVarArgs() ? "[" + name + "...]" : "<" + name + ">";
                    syntax.append(' ').append(shown);
                    arguments.add(entry(name, text(parameter)));
                }
            }
        }
        if (!options.isEmpty()) {
            syntax.insert(command.name().length(), " [options]");
        }
        StringBuilder out = new StringBuilder("DESCRIPTION\n").append(INDENT).append(command.name()).append("\n\n");
        if (!command.summary().isEmpty()) {
            out.append(INDENT).append(command.summary()).append("\n\n");
        }
        out.append("SYNTAX\n").append(INDENT).append(syntax).append('\n');
        section(out, "ARGUMENTS", arguments);
        section(out, "OPTIONS", options);
        return out.toString().stripTrailing();
    }

    private static String option(org.apache.felix.service.command.Parameter option, String name, String text) {
        boolean flag = !org.apache.felix.service.command.Parameter.UNSPECIFIED.equals(option.presentValue());
        String names = String.join(", ", option.names()) + (flag ? "" : " <" + name + ">");
        String absent = option.absentValue();
        boolean showDefault = !flag && !absent.isEmpty()
                && !org.apache.felix.service.command.Parameter.UNSPECIFIED.equals(absent);
        return entry(names, showDefault ? text + "\n" + INDENT + INDENT + "(default: " + absent + ")" : text);
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
