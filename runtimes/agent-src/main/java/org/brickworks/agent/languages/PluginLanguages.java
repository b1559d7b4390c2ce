package org.brickworks.agent.languages;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.brickworks.agent.protocol.CellInterpreterFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin languages the agent runs now, from the jars it was last given ({@code --language-jar}, {@code PUT
 * /languages}): each jar in its own class loader ({@link PluginJar}), kept while it stays listed. Thread-safe.
 */
final class PluginLanguages {

    private static final Logger LOG = LoggerFactory.getLogger(PluginLanguages.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    /** A plugin language: its factory and the class loader of its jar. */
    record Plugin(CellInterpreterFactory factory, ClassLoader loader) {
    }

    private final ClassLoader protocol;
    private volatile Map<Path, PluginJar> jars = Map.of();
    private volatile Map<String, Plugin> languages = Map.of();

    PluginLanguages(ClassLoader agent) {
        this.protocol = new ProtocolClassLoader(agent);
    }

    Plugin find(String language) {
        return languages.get(language);
    }

    Set<String> names() {
        return languages.keySet();
    }

    /**
     * Runs the languages of {@code newJars} from now on, and no others: jars listed before keep their loader, new ones
     * are loaded. Nothing changes when a jar cannot be loaded, or a language's name is not valid, is taken by
     * {@code reserved} (built-in languages) or comes twice.
     *
     * @return the languages that are no longer run, or now from another jar (interpreters of the old one must go)
     * @throws IllegalArgumentException
     *             naming the jar and what is wrong with it
     */
    synchronized Set<String> replace(List<Path> newJars, Set<String> reserved) {
        Map<Path, PluginJar> loaded = new LinkedHashMap<>();
        for (Path jar : newJars) {
            Path absolute = jar.toAbsolutePath().normalize();
            PluginJar known = jars.get(absolute);
            loaded.put(absolute, known != null ? known : PluginJar.load(absolute, protocol));
        }
        Map<String, Plugin> named = byName(loaded.values(), reserved);
        Set<String> removed = new HashSet<>();
        languages.forEach((name, plugin) -> {
            if (!plugin.equals(named.get(name))) {
                removed.add(name);
            }
        });
        jars = loaded;
        languages = named;
        LOG.info("Plugin languages: {} from {} jars{}", named.keySet(), loaded.size(),
                removed.isEmpty() ? "" : ", replaced or removed " + removed);
        return removed;
    }

    private static Map<String, Plugin> byName(Iterable<PluginJar> jars, Set<String> reserved) {
        Map<String, Plugin> named = new TreeMap<>();
        for (PluginJar jar : jars) {
            for (CellInterpreterFactory factory : jar.factories()) {
                String name = factory.language();
                if (name == null || !NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("The language jar " + jar.jar() + " names a language '" + name
                            + "': names are lower case letters, digits and dashes");
                }
                if (reserved.contains(name) || named.containsKey(name)) {
                    throw new IllegalArgumentException(
                            "The language jar " + jar.jar() + " adds " + name + ", which the driver runs already");
                }
                named.put(name, new Plugin(factory, jar.loader()));
            }
        }
        return Collections.unmodifiableMap(named);
    }
}
