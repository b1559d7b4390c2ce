package org.brickworks.jobs.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Databricks' dynamic value references in task settings and parameters: {@code {{job.id}}}, {@code {{job.name}}},
 * {@code {{job.run_id}}} (also {@code {{run.id}}}), {@code {{task.name}}}, {@code {{task.run_id}}},
 * {@code {{job.parameters.<name>}}}, {@code {{tasks.<key>.values.<name>}}}, {@code {{tasks.<key>.result_state}}},
 * {@code {{tasks.<key>.run_id}}}, {@code {{job.start_time.<part>}}}, {@code {{job.trigger.time.<part>}}},
 * {@code {{job.trigger.type}}}, and the legacy {@code {{job_id}}}, {@code {{run_id}}}, {@code {{task_key}}},
 * {@code {{start_date}}}, {@code {{start_time}}}. Time parts, in UTC: {@code iso_date}, {@code iso_datetime},
 * {@code timestamp_ms}, {@code year}, {@code month}, {@code day}, {@code hour}, {@code minute}, {@code second},
 * {@code day_of_week} (1 Monday to 7 Sunday), {@code is_weekday}. A reference the lookup does not know stays as
 * written.
 */
final class References {
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.\\-]+)\\s*\\}\\}");

    private References() {
    }

    /** {@code text} with every reference {@code lookup} answers replaced. */
    static String resolve(String text, Function<String, String> lookup) {
        if (text.indexOf("{{") < 0) {
            return text;
        }
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String value = lookup.apply(matcher.group(1));
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value == null ? matcher.group() : value));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    /** A copy of {@code node} with references resolved in every string, keys excepted. */
    static JsonNode resolve(JsonNode node, Function<String, String> lookup) {
        if (node.isTextual()) {
            return TextNode.valueOf(resolve(node.asText(), lookup));
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(item -> copy.add(resolve(item, lookup)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), resolve(field.getValue(), lookup));
            }
            return copy;
        }
        return node;
    }

    /** A time part ({@code iso_date}, ...) of {@code time}; null for an unknown part. */
    static String timePart(Instant time, String part) {
        ZonedDateTime utc = time.atZone(ZoneOffset.UTC);
        return switch (part) {
        case "iso_date" -> DateTimeFormatter.ISO_LOCAL_DATE.format(utc);
        case "iso_datetime" -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(utc.withNano(0));
        case "timestamp_ms" -> Long.toString(time.toEpochMilli());
        case "year" -> Integer.toString(utc.getYear());
        case "month" -> Integer.toString(utc.getMonthValue());
        case "day" -> Integer.toString(utc.getDayOfMonth());
        case "hour" -> Integer.toString(utc.getHour());
        case "minute" -> Integer.toString(utc.getMinute());
        case "second" -> Integer.toString(utc.getSecond());
        case "day_of_week" -> Integer.toString(utc.getDayOfWeek().getValue());
        case "is_weekday" -> Boolean.toString(utc.getDayOfWeek().compareTo(DayOfWeek.SATURDAY) < 0);
        default -> null;
        };
    }
}
