package org.brickworks.agent.languages;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.brickworks.agent.execution.InterpreterContext;
import org.brickworks.agent.execution.Interpreters;
import org.brickworks.agent.http.ApiException;
import org.brickworks.agent.languages.python.PythonInterpreter;
import org.brickworks.agent.languages.r.RInterpreter;
import org.brickworks.agent.languages.scala.ScalaInterpreter;
import org.brickworks.agent.protocol.CellInterpreter;

/**
 * The languages the agent runs: built in, {@code sql} and {@code scala} in the driver's JVM on the context's
 * SparkSession, {@code python} and {@code r} as processes of the driver's host, {@code fs} ({@link FsMagic}); and the
 * plugin languages of the jars the platform gave ({@link PluginLanguages}). Thread-safe.
 */
public final class Languages implements Interpreters {

    private static final String SQL = "sql";

    /** Starts a built-in interpreter of a context. */
    private interface BuiltIn {
        CellInterpreter start(InterpreterContext context) throws Exception;
    }

    private final Map<String, BuiltIn> builtIns;
    private final PluginLanguages plugins;

    /** {@code agent}: the agent's class loader, which plugins' loaders reach for the protocol's classes. */
    public Languages(LanguageSettings settings, ClassLoader agent) {
        this.builtIns = Map.of(SQL, context -> new SqlInterpreter(context.session(), context.dbutils().widgets()), //
                "scala", ScalaInterpreter::start, //
                "python", context -> PythonInterpreter.start(context, settings), //
                "r", context -> RInterpreter.start(context, settings), //
                "fs", context -> new FsMagic(context.dbutils().fs()));
        this.plugins = new PluginLanguages(agent);
    }

    /** Every language that runs now, sorted. */
    public SortedSet<String> names() {
        SortedSet<String> names = new TreeSet<>(builtIns.keySet());
        names.addAll(plugins.names());
        return names;
    }

    /**
     * Runs the plugin languages of {@code jars} from now on, and no others (see {@link PluginLanguages#replace}).
     *
     * @return the plugin languages that no longer run
     * @throws IllegalArgumentException
     *             naming a jar that cannot be loaded; nothing changed then
     */
    public Set<String> usePlugins(List<Path> jars) {
        return plugins.replace(jars, builtIns.keySet());
    }

    @Override
    public boolean isKnown(String language) {
        return builtIns.containsKey(language) || plugins.find(language) != null;
    }

    @Override
    public void requireKnown(String language) {
        if (!isKnown(language)) {
            throw unknown(language);
        }
    }

    @Override
    public boolean mayRunOnSubmitter(String language) {
        return SQL.equals(language);
    }

    @Override
    public CellInterpreter start(String language, InterpreterContext context) throws Exception {
        BuiltIn builtIn = builtIns.get(language);
        if (builtIn != null) {
            return builtIn.start(context);
        }
        PluginLanguages.Plugin plugin = plugins.find(language);
        if (plugin == null) {
            throw unknown(language);
        }
        return PluginInterpreter.start(plugin, context);
    }

    private ApiException unknown(String language) {
        return ApiException
                .invalid("Unknown language " + language + ": this driver runs " + String.join(", ", names()));
    }
}
