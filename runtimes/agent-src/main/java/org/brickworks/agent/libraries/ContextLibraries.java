package org.brickworks.agent.libraries;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The libraries one execution context sees: its notebook-scoped ones ({@code %pip install}, {@code %mvn install}) in
 * front of the cluster's.
 * <ul>
 * <li>{@link #classLoader()}: the context's own loader, a child of the cluster libraries' loader holding the
 * context's jars child-first ({@link LibraryClassLoader}), so two contexts load two versions of one library side by
 * side, each over the runtime's copy. Its commands' thread, its Scala REPL ({@link #replParent()}) and the local
 * executor's tasks of its commands (through the REPL, {@code ReplClassRouter}) load classes through it. Executors of
 * remote workers do not see notebook-scoped jars: Spark ships jars per application, not per context.</li>
 * <li>{@link #pythonPaths()}: the context's folders, then the cluster's; its Python process puts them on
 * {@code sys.path} before each command, so cluster installs made after the context started are seen too.</li>
 * </ul>
 * Thread-safe.
 */
public final class ContextLibraries {

    private final ClusterLibraries cluster;
    private final LibraryClassLoader loader;
    private final ClassLoader replParent;
    private final Set<Path> jars = new LinkedHashSet<>();
    private final Set<Path> pythonPaths = new LinkedHashSet<>();

    public ContextLibraries(String contextId, ClusterLibraries cluster) {
        this.cluster = cluster;
        this.loader = new LibraryClassLoader("brickworks-context-" + contextId, cluster.classLoader());
        this.replParent = new ReplParentClassLoader(loader, ContextLibraries.class.getClassLoader());
    }

    public ClassLoader classLoader() {
        return loader;
    }

    /**
     * The parent of the context's Scala REPL: the context's loader, plus the agent's own classes, which cells reach
     * through {@code ReplBridge} ({@code spark}, {@code dbutils}, {@code display}) and must share with the agent.
     */
    public ClassLoader replParent() {
        return replParent;
    }

    /** The jars a Scala cell compiles against, in lookup order: the context's, then the cluster's. */
    public synchronized List<Path> jars() {
        List<Path> all = new ArrayList<>(jars);
        all.addAll(cluster.jars());
        return all;
    }

    /** The folders for {@code sys.path}, in lookup order: the context's, then the cluster's. */
    public synchronized List<Path> pythonPaths() {
        List<Path> all = new ArrayList<>(pythonPaths);
        cluster.pythonPaths().stream().filter(path -> !pythonPaths.contains(path)).forEach(all::add);
        return all;
    }

    /**
     * Adds jars and Python folders to this context only; nothing is added when one is unusable.
     *
     * @return the number of jars that are new to the context
     * @throws IllegalArgumentException
     *             naming the first path that is not a readable jar file or not a folder
     */
    public synchronized int add(List<Path> newJars, List<Path> newPythonPaths) {
        List<Path> jarsToAdd = ClusterLibraries.readableJars(newJars);
        List<Path> pathsToAdd = ClusterLibraries.folders(newPythonPaths);
        jarsToAdd.removeAll(jars);
        jarsToAdd.forEach(loader::add);
        jars.addAll(jarsToAdd);
        pythonPaths.addAll(pathsToAdd);
        return jarsToAdd.size();
    }
}
