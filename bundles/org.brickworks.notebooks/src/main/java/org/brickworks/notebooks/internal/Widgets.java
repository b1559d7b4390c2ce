package org.brickworks.notebooks.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Notebook parameters as widget values in SQL cells: {@code ${name}} becomes the value of parameter {@code name}
 * (Databricks' legacy widget syntax); a reference to a parameter not given stays as written, so the error the cluster
 * reports names it. Stateless.
 */
final class Widgets {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)}");

    private Widgets() {
    }

    static String substitute(String sql, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return sql;
        }
        Matcher matcher = REFERENCE.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = parameters.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : value));
        }
        return matcher.appendTail(out).toString();
    }
}
