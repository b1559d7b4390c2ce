package org.brickworks.agent.languages;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import org.brickworks.agent.protocol.CellInterpreterFactory;

/**
 * One plugin language jar, loaded in a class loader of its own ({@link ProtocolClassLoader} as parent), and the
 * {@link CellInterpreterFactory} implementations its {@code META-INF/services} lists.
 *
 * @param jar
 *            the jar's absolute path
 * @param loader
 *            its class loader, the context class loader of its interpreters' calls
 * @param factories
 *            its languages, at least one
 */
record PluginJar(Path jar, ClassLoader loader, List<CellInterpreterFactory> factories) {

    /**
     * Loads the jar's languages.
     *
     * @throws IllegalArgumentException
     *             naming the jar, when it is not a readable file, lists no language or one that cannot be created
     */
    static PluginJar load(Path jar, ClassLoader protocol) {
        Path absolute = jar.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute) || !Files.isReadable(absolute)) {
            throw new IllegalArgumentException("The language jar " + jar + " is not a readable file");
        }
        URLClassLoader loader = new URLClassLoader("brickworks-language-" + absolute.getFileName(),
                new URL[] { url(absolute) }, protocol);
        List<CellInterpreterFactory> factories = new ArrayList<>();
        try {
            for (CellInterpreterFactory factory : ServiceLoader.load(CellInterpreterFactory.class, loader)) {
                factories.add(factory);
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            close(loader);
            throw new IllegalArgumentException("The language jar " + jar + " cannot be loaded: " + e, e);
        }
        if (factories.isEmpty()) {
            close(loader);
            throw new IllegalArgumentException("The language jar " + jar + " lists no "
                    + CellInterpreterFactory.class.getName() + " in META-INF/services");
        }
        return new PluginJar(absolute, loader, List.copyOf(factories));
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Not a jar path: " + jar, e);
        }
    }

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // nothing was loaded from it that anyone uses
        }
    }
}
