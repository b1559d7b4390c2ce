package org.brickworks.shell.internal;

import java.lang.reflect.Method;

import org.apache.felix.service.command.Descriptor;

/**
 * A command any bundle published with the standard Gogo properties, as {@code bw:help} knows it.
 *
 * @param scope
 *            {@code osgi.command.scope}
 * @param function
 *            one of its {@code osgi.command.function} names
 * @param method
 *            the method that runs it, whose {@code @Descriptor} and parameters describe it; null for a
 *            {@link org.apache.felix.service.command.Function} of another bundle, which says nothing about itself
 */
record ShellCommand(String scope, String function, Method method) {
    String name() {
        return scope + ":" + function;
    }

    /** The method's {@code @Descriptor} text, empty when it has none. */
    String summary() {
        Descriptor descriptor = method == null ? null : method.getAnnotation(Descriptor.class);
        return descriptor == null ? "" : descriptor.value();
    }
}
