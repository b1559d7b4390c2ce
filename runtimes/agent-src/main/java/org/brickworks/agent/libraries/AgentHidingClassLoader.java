package org.brickworks.agent.libraries;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The driver's classpath (Spark, Delta, Scala and their closure) without the agent's own classes and resources: the
 * parent of the cluster-libraries class loader, so a library never links against agent internals and a library's
 * class of the same name as an agent class cannot clash with it. Everything else is delegated to the JVM's application
 * class loader.
 */
final class AgentHidingClassLoader extends ClassLoader {
    static final String AGENT_PACKAGE = "org.brickworks.agent.";
    private static final String AGENT_RESOURCES = AGENT_PACKAGE.replace('.', '/');

    static {
        registerAsParallelCapable();
    }

    AgentHidingClassLoader(ClassLoader driverClasspath) {
        super("brickworks-spark", driverClasspath);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(AGENT_PACKAGE)) {
            throw new ClassNotFoundException(name + " is the driver agent's own class, hidden from libraries");
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        return isAgents(name) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return isAgents(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }

    private static boolean isAgents(String resource) {
        return resource.startsWith(AGENT_RESOURCES) || resource.startsWith("/" + AGENT_RESOURCES);
    }
}
