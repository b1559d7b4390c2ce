package org.brickworks.agent.dbutils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dbutils.widgets} of an execution context, as Databricks defines it: {@code text} and {@code dropdown} define
 * a widget with a default value, {@code get} answers the value the run passed as a parameter (the context's
 * parameters overlaid with the command's) or else the widget's default, {@code remove}/{@code removeAll} forget
 * definitions. One per context, shared by its Scala and Python cells; used from the context's worker thread.
 */
public final class Widgets {

    private static final String MODULE = "widgets";

    private final Map<String, String> defaults = new LinkedHashMap<>();
    private volatile Map<String, String> parameters = Map.of();

    /** The values of the run: the context's parameters overlaid with the command's. */
    public void parameters(Map<String, String> values) {
        parameters = Map.copyOf(values);
    }

    public void text(String name, String defaultValue) {
        text(name, defaultValue, name);
    }

    public void text(String name, String defaultValue, String label) {
        defaults.put(name, defaultValue == null ? "" : defaultValue);
    }

    public void dropdown(String name, String defaultValue, scala.collection.Seq<String> choices) {
        dropdown(name, defaultValue, choices, name);
    }

    public void dropdown(String name, String defaultValue, scala.collection.Seq<String> choices, String label) {
        List<String> values = new ArrayList<>();
        scala.collection.Iterator<String> iterator = choices.iterator();
        while (iterator.hasNext()) {
            values.add(iterator.next());
        }
        dropdown(name, defaultValue, values);
    }

    /** A dropdown from Python cells, whose choices come as a Java list. */
    public void dropdown(String name, String defaultValue, List<String> choices) {
        if (!choices.contains(defaultValue)) {
            throw new IllegalArgumentException(
                    "Default value " + defaultValue + " of dropdown " + name + " is not one of " + choices);
        }
        defaults.put(name, defaultValue);
    }

    /** The widget's value; a parameter of that name counts even without a definition, as in Databricks jobs. */
    public String get(String name) {
        String value = value(name);
        if (value == null) {
            throw new IllegalArgumentException("InputWidgetNotDefined: No input widget named " + name
                    + " is defined");
        }
        return value;
    }

    /** The run's parameter {@code name}, else the widget's default; null when there is neither. */
    public String value(String name) {
        String value = parameters.get(name);
        return value != null ? value : defaults.get(name);
    }

    public String getArgument(String name, String defaultValue) {
        String value = parameters.getOrDefault(name, defaults.get(name));
        return value == null ? defaultValue : value;
    }

    public void remove(String name) {
        defaults.remove(name);
    }

    public void removeAll() {
        defaults.clear();
    }

    public void help() {
        DbUtilsHelp.print(MODULE, "");
    }

    public void help(String method) {
        DbUtilsHelp.print(MODULE, method);
    }
}
