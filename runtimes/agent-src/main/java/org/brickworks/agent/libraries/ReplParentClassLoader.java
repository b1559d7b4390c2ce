package org.brickworks.agent.libraries;

/**
 * The parent of an execution context's Scala REPL: the agent's own classes from the agent's loader (a cell's
 * {@code spark}, {@code dbutils} and {@code display} are bound through {@code ReplBridge}, and what they return must be
 * the agent's classes, not copies), everything else from the context's libraries' loader, which hides the agent. Only
 * cells see the agent this way: libraries, Spark's lookups and the commands' thread use the context's loader.
 */
final class ReplParentClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader agent;

    ReplParentClassLoader(ClassLoader context, ClassLoader agent) {
        super("brickworks-repl-parent", context);
        this.agent = agent;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        return name.startsWith(AgentHidingClassLoader.AGENT_PACKAGE) ? agent.loadClass(name)
                : super.loadClass(name, resolve);
    }
}
