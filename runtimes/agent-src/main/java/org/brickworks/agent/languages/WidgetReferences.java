package org.brickworks.agent.languages;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Databricks' legacy widget syntax in SQL commands: {@code ${name}} is the value of widget {@code name} (the run's
 * parameter of that name, else the widget's default). A name the session's SQL conf has ({@code SET name=...}) is
 * left for Spark's own variable substitution, as are qualified names ({@code ${spark.sql.x}}, {@code ${env:HOME}}).
 * Any other name is an error naming it: silently blank, a typo would query the wrong data.
 */
final class WidgetReferences {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private WidgetReferences() {
    }

    /**
     * @param widgets
     *            the value of a widget, empty when no widget or parameter has that name
     * @param sparkVariables
     *            whether Spark's SQL conf has a variable of that name
     * @throws IllegalArgumentException
     *             naming the first reference that is neither
     */
    static String substitute(String sql, Function<String, Optional<String>> widgets,
            Predicate<String> sparkVariables) {
        Matcher matcher = REFERENCE.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            Optional<String> value = widgets.apply(name);
            if (value.isEmpty() && !sparkVariables.test(name)) {
                throw new IllegalArgumentException("InputWidgetNotDefined: the query refers to ${" + name
                        + "}, but no widget or parameter named " + name + " is defined: define it with"
                        + " dbutils.widgets.text(\"" + name + "\", \"<default>\") or pass " + name + " as a parameter"
                        + " of the run");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value.orElse(matcher.group())));
        }
        return matcher.appendTail(out).toString();
    }
}
