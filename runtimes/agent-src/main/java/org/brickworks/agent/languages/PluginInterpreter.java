package org.brickworks.agent.languages;

import java.nio.file.Path;

import org.brickworks.agent.protocol.CellCommand;
import org.brickworks.agent.protocol.CellInterpreter;
import org.brickworks.agent.protocol.CellSession;
import org.brickworks.agent.protocol.Result;

/**
 * A plugin's interpreter as the agent calls it: every call runs with the plugin jar's class loader as the thread's
 * context class loader (libraries inside the jar that look up classes or services through it find its own).
 */
final class PluginInterpreter implements CellInterpreter {

    /** What a plugin learns of its context: nothing of the agent's own classes. */
    private record Session(String contextId, Path workingDirectory) implements CellSession {
    }

    /** The plugin's loader as the context class loader of the current thread, until closed. */
    private static final class LoaderScope implements AutoCloseable {
        private final Thread thread = Thread.currentThread();
        private final ClassLoader previous = thread.getContextClassLoader();

        LoaderScope(ClassLoader loader) {
            thread.setContextClassLoader(loader);
        }

        @Override
        public void close() {
            thread.setContextClassLoader(previous);
        }
    }

    private final CellInterpreter plugin;
    private final ClassLoader loader;

    private PluginInterpreter(CellInterpreter plugin, ClassLoader loader) {
        this.plugin = plugin;
        this.loader = loader;
    }

    static PluginInterpreter start(PluginLanguages.Plugin plugin, CellSession context) throws Exception {
        try (LoaderScope scope = new LoaderScope(plugin.loader())) {
            CellInterpreter started = plugin.factory().start(new Session(context.contextId(),
                    context.workingDirectory()));
            return new PluginInterpreter(started, plugin.loader());
        }
    }

    @Override
    public Result execute(CellCommand command) throws Exception {
        try (LoaderScope scope = new LoaderScope(loader)) {
            return plugin.execute(command);
        }
    }

    @Override
    public void interrupt() {
        try (LoaderScope scope = new LoaderScope(loader)) {
            plugin.interrupt();
        }
    }

    @Override
    public void close() {
        try (LoaderScope scope = new LoaderScope(loader)) {
            plugin.close();
        }
    }
}
