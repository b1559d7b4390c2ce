package org.brickworks.rest.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.brickworks.core.api.BrickworksException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A SCIM list request's query: {@code filter}, {@code sortBy} and {@code sortOrder}, {@code startIndex} (1-based) and
 * {@code count}, {@code attributes} and {@code excludedAttributes}. A page past the end is empty: the Databricks SDK
 * asks for pages until it gets an empty one.
 */
record ScimQuery(Predicate<JsonNode> filter, String sortBy, boolean descending, int startIndex, int count,
        Set<String> attributes, Set<String> excluded) {
    /** The most resources one page holds, as in Databricks. */
    static final int MAX_COUNT = 10_000;

    static ScimQuery of(HttpServletRequest request) {
        decodable(request);
        String order = request.getParameter("sortOrder");
        if (order != null && !order.equalsIgnoreCase("ascending") && !order.equalsIgnoreCase("descending")) {
            throw BrickworksException.invalidParameter("sortOrder must be ascending or descending, got " + order);
        }
        return new ScimQuery(ScimFilter.parse(request.getParameter("filter")), request.getParameter("sortBy"),
                "descending".equalsIgnoreCase(order), Math.max(1, number(request, "startIndex", 1)),
                Math.min(MAX_COUNT, Math.max(0, number(request, "count", MAX_COUNT))),
                names(request.getParameter("attributes")), names(request.getParameter("excludedAttributes")));
    }

    /**
     * @throws BrickworksException
     *             {@code MALFORMED_REQUEST} when the HTTP server cannot decode the query string (invalid UTF-8)
     */
    static void decodable(HttpServletRequest request) {
        try {
            request.getParameterMap();
        } catch (RuntimeException e) {
            throw ApiError.malformed("Invalid query string: " + e.getMessage());
        }
    }

    private static int number(HttpServletRequest request, String name, int absent) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw BrickworksException.invalidParameter(name + " must be a whole number, got " + value);
        }
    }

    private static Set<String> names(String list) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        if (list != null) {
            for (String name : list.split(",")) {
                if (!name.isBlank()) {
                    // name.givenName keeps name: attributes are projected at the top level.
                    names.add(name.strip().split("\\.")[0]);
                }
            }
        }
        return names;
    }

    /** The page of {@code resources} this query asks for, in a list response. */
    ObjectNode answer(List<ObjectNode> resources, ScimJson json) {
        List<ObjectNode> matching = new ArrayList<>(resources.stream().filter(filter).toList());
        if (sortBy != null && !sortBy.isBlank()) {
            Comparator<ObjectNode> order = Comparator.comparing(node -> sortKey(node), Comparator.nullsLast(
                    Comparator.naturalOrder()));
            matching.sort(descending ? order.reversed() : order);
        }
        int from = Math.min(startIndex - 1, matching.size());
        List<JsonNode> page = new ArrayList<>();
        for (ObjectNode node : matching.subList(from, Math.min(matching.size(), from + count))) {
            page.add(project(node));
        }
        return json.list(page, matching.size(), startIndex);
    }

    private String sortKey(ObjectNode node) {
        List<JsonNode> values = ScimFilter.values(node, sortBy);
        return values.isEmpty() || values.get(0).isNull() ? null : values.get(0).asText().toLowerCase(Locale.ROOT);
    }

    /** {@code node} with only the asked attributes ({@code id} and {@code schemas} always), without the excluded. */
    ObjectNode project(ObjectNode node) {
        if (attributes.isEmpty() && excluded.isEmpty()) {
            return node;
        }
        ObjectNode copy = node.deepCopy();
        for (Iterator<String> names = copy.fieldNames(); names.hasNext();) {
            String name = names.next();
            boolean always = name.equals("id") || name.equals("schemas");
            if (!always && (!attributes.isEmpty() && !attributes.contains(name) || excluded.contains(name))) {
                names.remove();
            }
        }
        return copy;
    }
}
