package org.brickworks.agent.libraries;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * A class loader of library jars that takes more jars while it is in use and loads a library's classes child-first:
 * a library's own copy of a class (commons-lang3 3.17 in a library, 3.12 in Spark's closure) wins over its parent's,
 * as Databricks lets libraries override the runtime's. Classes of the {@link #SHARED} packages always come from the
 * parent, even when a jar carries a copy (a fat jar with Scala or Spark in it): they cross between the runtime and
 * library code, and two copies of them would not link.
 * Agent classes stay hidden: the parent chain ends in {@link AgentHidingClassLoader}.
 */
final class LibraryClassLoader extends URLClassLoader {
    static final List<String> SHARED = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "scala.",
            "org.apache.spark.", "org.apache.hadoop.", "io.delta.", "org.slf4j.", "org.apache.logging.log4j.",
            AgentHidingClassLoader.AGENT_PACKAGE);

    static {
        registerAsParallelCapable();
    }

    LibraryClassLoader(String name, ClassLoader parent) {
        super(name, new URL[0], parent);
    }

    void add(Path jar) {
        try {
            addURL(jar.toUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a jar path: " + jar, e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null && !startsWithAny(name, SHARED)) {
                try {
                    loaded = findClass(name);
                } catch (ClassNotFoundException notALibraryClass) {
                    // the parent's, or nobody's
                }
            }
            if (loaded == null) {
                loaded = getParent().loadClass(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = startsWithAny(name.replace('/', '.'), SHARED) ? null : findResource(name);
        return own != null ? own : super.getResource(name);
    }

    static boolean startsWithAny(String name, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
