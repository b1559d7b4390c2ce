package org.brickworks.agent.libraries;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The cluster-scoped libraries of this driver, as the platform installs them ({@code POST /libraries}).
 * <ul>
 * <li>{@link #classLoader()}: one class loader for the driver's lifetime, holding every cluster library jar,
 * child-first for the libraries' own classes ({@link LibraryClassLoader}); its parent sees Spark, Delta, Scala and
 * their closure but not the agent's classes. Jars are appended while it is in use (nothing is ever removed: a restart
 * forgets all). Each execution context's loader is a child of it ({@link ContextLibraries}: notebook-scoped
 * libraries); the agent's HTTP threads have it as their context class loader, so Spark's {@code Utils.classForName}
 * (SQL functions, {@code java_method}, UDF classes) finds library classes.</li>
 * <li>Each jar is also given to Spark ({@code SparkContext.addJar}), so executors fetch it and load it in tasks.</li>
 * <li>{@link #pythonPaths()}: folders (pip {@code --target} installs) that Python contexts put on {@code sys.path},
 * in installation order; read it when a context starts and before each command to see later installs.</li>
 * </ul>
 * Thread-safe: installs are serialized, readers see a consistent snapshot.
 */
public final class ClusterLibraries {

    private final LibraryClassLoader loader;
    private final Consumer<String> sparkJars;
    private final Set<Path> jars = new LinkedHashSet<>();
    private final Set<Path> pythonPaths = new LinkedHashSet<>();

    /**
     * @param driverClasspath
     *            the loader of Spark's classes (the JVM's application class loader)
     * @param sparkJars
     *            hands a jar's path to Spark for the executors ({@code SparkContext::addJar})
     */
    public ClusterLibraries(ClassLoader driverClasspath, Consumer<String> sparkJars) {
        this.loader = new LibraryClassLoader("brickworks-cluster-libraries",
                new AgentHidingClassLoader(driverClasspath));
        this.sparkJars = sparkJars;
    }

    /** The cluster-libraries class loader (the same instance for the driver's lifetime). */
    public ClassLoader classLoader() {
        return loader;
    }

    /** The Python package folders to put on {@code sys.path}, oldest first. */
    public synchronized List<Path> pythonPaths() {
        return List.copyOf(pythonPaths);
    }

    /** The jars installed, oldest first. */
    public synchronized List<Path> jars() {
        return List.copyOf(jars);
    }

    /**
     * Installs what is new among {@code newJars} (readable files) and {@code newPythonPaths} (folders); what is
     * installed already is skipped. Nothing is installed when one of them is unusable.
     *
     * @throws IllegalArgumentException
     *             naming the first path that is not a readable jar file or not a folder
     */
    synchronized void add(List<Path> newJars, List<Path> newPythonPaths) {
        List<Path> jarsToAdd = readableJars(newJars);
        List<Path> pathsToAdd = folders(newPythonPaths);
        jarsToAdd.removeAll(jars);
        for (Path jar : jarsToAdd) {
            loader.add(jar);
            sparkJars.accept(jar.toString());
            jars.add(jar);
        }
        pythonPaths.addAll(pathsToAdd);
    }

    /** The jars as absolute paths without duplicates; an exception names the first that is not a readable file. */
    static List<Path> readableJars(List<Path> jars) {
        List<Path> checked = new ArrayList<>();
        for (Path jar : jars) {
            Path absolute = jar.toAbsolutePath().normalize();
            if (!Files.isRegularFile(absolute) || !Files.isReadable(absolute)) {
                throw new IllegalArgumentException("not a readable jar file: " + jar);
            }
            if (!checked.contains(absolute)) {
                checked.add(absolute);
            }
        }
        return checked;
    }

    /** The folders as absolute paths; an exception names the first that is not a folder. */
    static List<Path> folders(List<Path> folders) {
        List<Path> checked = new ArrayList<>();
        for (Path folder : folders) {
            Path absolute = folder.toAbsolutePath().normalize();
            if (!Files.isDirectory(absolute)) {
                throw new IllegalArgumentException("not a folder: " + folder);
            }
            checked.add(absolute);
        }
        return checked;
    }
}
