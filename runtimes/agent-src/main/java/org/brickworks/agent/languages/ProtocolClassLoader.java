package org.brickworks.agent.languages;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;

import org.brickworks.agent.protocol.CellInterpreterFactory;

/**
 * The parent of every plugin language's class loader: the JDK (the platform class loader) and the agent protocol's
 * package, nothing else. A plugin thus shares the SPI's classes with the agent but sees neither the agent, Spark nor
 * their libraries, and brings whatever else it needs in its own jar.
 */
final class ProtocolClassLoader extends ClassLoader {

    static final String PROTOCOL_PACKAGE = CellInterpreterFactory.class.getPackageName() + ".";
    private static final String PROTOCOL_RESOURCES = PROTOCOL_PACKAGE.replace('.', '/');

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader agent;

    ProtocolClassLoader(ClassLoader agent) {
        super("brickworks-language-protocol", ClassLoader.getPlatformClassLoader());
        this.agent = agent;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        return name.startsWith(PROTOCOL_PACKAGE) ? agent.loadClass(name) : super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        return name.startsWith(PROTOCOL_RESOURCES) ? agent.getResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return name.startsWith(PROTOCOL_RESOURCES) ? agent.getResources(name) : super.getResources(name);
    }
}
