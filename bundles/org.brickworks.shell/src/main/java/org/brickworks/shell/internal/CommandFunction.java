package org.brickworks.shell.internal;

import java.lang.reflect.Method;
import java.util.List;

import org.apache.felix.gogo.runtime.Reflective;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;

/**
 * One command of a group component, as Gogo runs it: the group's method called with Gogo's own argument coercion and
 * {@code @Parameter} options. Needed because Gogo finds a method by the command's name, and Java names cannot hold the
 * dashes ours have. {@link #method()} is what {@code bw:help} describes.
 */
final class CommandFunction implements Function {
    private final Object group;
    private final Method method;

    CommandFunction(Object group, Method method) {
        this.group = group;
        this.method = method;
    }

    Method method() {
        return method;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        return Reflective.invoke(session, group, method.getName(), arguments);
    }
}
