package org.brickworks.agent.dbutils;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.hadoop.conf.Configuration;

import scala.Tuple2;

/**
 * The {@code dbutils} of an execution context: {@code widgets}, {@code notebook.exit/run}, {@code fs},
 * {@code jobs.taskValues}, {@code secrets} and {@code help()}. Scala cells call it directly; Python cells through their kernel's calls, so both languages share
 * one context's widgets and files.
 */
public final class DbUtils {

    private final Widgets widgets;
    private final NotebookUtils notebook;
    private final DbfsUtils fs;
    private final JobsUtils jobs;
    private final SecretsUtils secrets;

    private DbUtils(Widgets widgets, DbfsUtils fs, NotebookUtils notebook, JobsUtils jobs, SecretsUtils secrets) {
        this.widgets = widgets;
        this.fs = fs;
        this.notebook = notebook;
        this.jobs = jobs;
        this.secrets = secrets;
    }

    /** The {@code dbutils} of context {@code contextId}, whose files go through {@code conf}'s file systems. */
    public static DbUtils of(String contextId, Supplier<Configuration> conf, PlatformCallback platform) {
        return new DbUtils(new Widgets(), new DbfsUtils(conf, platform), new NotebookUtils(contextId, platform),
                new JobsUtils(new TaskValues(contextId, platform)), new SecretsUtils(contextId, platform));
    }

    public Widgets widgets() {
        return widgets;
    }

    public NotebookUtils notebook() {
        return notebook;
    }

    public DbfsUtils fs() {
        return fs;
    }

    public JobsUtils jobs() {
        return jobs;
    }

    public SecretsUtils secrets() {
        return secrets;
    }

    /** Prints the modules of {@code dbutils}. */
    public void help() {
        DbUtilsHelp.print("", "");
    }

    /** A Scala map of Scala cells as Java's, in its order. */
    static Map<String, String> javaMap(scala.collection.Map<String, String> map) {
        Map<String, String> values = new LinkedHashMap<>();
        scala.collection.Iterator<Tuple2<String, String>> entries = map.iterator();
        while (entries.hasNext()) {
            Tuple2<String, String> entry = entries.next();
            values.put(entry._1(), String.valueOf(entry._2()));
        }
        return values;
    }
}
