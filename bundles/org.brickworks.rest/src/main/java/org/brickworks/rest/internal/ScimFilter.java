package org.brickworks.rest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.brickworks.core.api.BrickworksException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * SCIM 2.0 list filters (RFC 7644 3.4.2.2) over resources as JSON: attribute paths ({@code userName},
 * {@code name.givenName}, {@code emails.value}, {@code members.value}; a multi-valued attribute matches when one value
 * does), the operators {@code eq ne co sw ew gt ge lt le pr}, {@code and}, {@code or}, {@code not (...)} and
 * parentheses. Names and string comparisons ignore case, as Databricks' do. Thread-safe once parsed.
 */
final class ScimFilter {
    private final String text;
    private final List<String> tokens;
    private int next;

    private ScimFilter(String text) {
        this.text = text;
        this.tokens = tokenize(text);
    }

    /**
     * @throws BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} naming {@code filter} when it does not parse
     */
    static Predicate<JsonNode> parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return node -> true;
        }
        ScimFilter parser = new ScimFilter(filter);
        Predicate<JsonNode> predicate = parser.or();
        if (parser.next < parser.tokens.size()) {
            throw parser.invalid("unexpected " + parser.tokens.get(parser.next));
        }
        return predicate;
    }

    private Predicate<JsonNode> or() {
        Predicate<JsonNode> left = and();
        while (keyword("or")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<JsonNode> and() {
        Predicate<JsonNode> left = factor();
        while (keyword("and")) {
            left = left.and(factor());
        }
        return left;
    }

    private Predicate<JsonNode> factor() {
        if (keyword("not")) {
            return factor().negate();
        }
        if (symbol("(")) {
            Predicate<JsonNode> inner = or();
            if (!symbol(")")) {
                throw invalid("missing )");
            }
            return inner;
        }
        String path = take("an attribute name");
        String op = take("an operator").toLowerCase(Locale.ROOT);
        if (op.equals("pr")) {
            return node -> values(node, path).stream().anyMatch(v -> !v.isNull() && !v.isMissingNode());
        }
        String value = literal(take("a value"));
        Predicate<String> test = switch (op) {
        case "eq" -> v -> value == null ? false : v.equalsIgnoreCase(value);
        case "ne" -> v -> value == null || !v.equalsIgnoreCase(value);
        case "co" -> v -> value != null && v.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT));
        case "sw" -> v -> value != null && v.toLowerCase(Locale.ROOT).startsWith(value.toLowerCase(Locale.ROOT));
        case "ew" -> v -> value != null && v.toLowerCase(Locale.ROOT).endsWith(value.toLowerCase(Locale.ROOT));
        case "gt" -> v -> value != null && v.compareToIgnoreCase(value) > 0;
        case "ge" -> v -> value != null && v.compareToIgnoreCase(value) >= 0;
        case "lt" -> v -> value != null && v.compareToIgnoreCase(value) < 0;
        case "le" -> v -> value != null && v.compareToIgnoreCase(value) <= 0;
        default -> throw invalid("unknown operator " + op);
        };
        if (op.equals("ne")) {
            return node -> values(node, path).stream().filter(v -> !v.isNull()).noneMatch(v -> !test.test(v.asText()));
        }
        return node -> values(node, path).stream().anyMatch(v -> !v.isNull() && test.test(v.asText()));
    }

    /** The values at {@code path} in {@code node}: every element's of an array on the way. */
    static List<JsonNode> values(JsonNode node, String path) {
        List<JsonNode> found = new ArrayList<>();
        collect(node, path.split("\\."), 0, found);
        return found;
    }

    private static void collect(JsonNode node, String[] names, int index, List<JsonNode> found) {
        if (node.isArray()) {
            node.forEach(element -> collect(element, names, index, found));
            return;
        }
        if (index == names.length) {
            found.add(node);
            return;
        }
        JsonNode child = field(node, names[index]);
        if (child != null) {
            collect(child, names, index + 1, found);
        }
    }

    /** The field {@code name} of an object, whatever its case. */
    static JsonNode field(JsonNode node, String name) {
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return null;
    }

    private String literal(String token) {
        if (token.startsWith("\"")) {
            return token.substring(1, token.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return token.equalsIgnoreCase("null") ? null : token;
    }

    private boolean keyword(String word) {
        if (next < tokens.size() && tokens.get(next).equalsIgnoreCase(word)) {
            next++;
            return true;
        }
        return false;
    }

    private boolean symbol(String symbol) {
        if (next < tokens.size() && tokens.get(next).equals(symbol)) {
            next++;
            return true;
        }
        return false;
    }

    private String take(String what) {
        if (next >= tokens.size() || tokens.get(next).equals("(") || tokens.get(next).equals(")")) {
            throw invalid(what + " expected");
        }
        return tokens.get(next++);
    }

    private BrickworksException invalid(String why) {
        return BrickworksException.invalidParameter("filter: cannot parse '" + text + "': " + why);
    }

    private List<String> tokenize(String filter) {
        List<String> list = new ArrayList<>();
        int i = 0;
        while (i < filter.length()) {
            char ch = filter.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (ch == '(' || ch == ')') {
                list.add(String.valueOf(ch));
                i++;
            } else if (ch == '"') {
                int end = i + 1;
                while (end < filter.length() && filter.charAt(end) != '"') {
                    end += filter.charAt(end) == '\\' ? 2 : 1;
                }
                if (end >= filter.length()) {
                    throw invalid("unterminated string");
                }
                list.add(filter.substring(i, end + 1));
                i = end + 1;
            } else {
                int end = i;
                while (end < filter.length() && !Character.isWhitespace(filter.charAt(end))
                        && filter.charAt(end) != '(' && filter.charAt(end) != ')') {
                    end++;
                }
                list.add(filter.substring(i, end));
                i = end;
            }
        }
        return list;
    }
}
