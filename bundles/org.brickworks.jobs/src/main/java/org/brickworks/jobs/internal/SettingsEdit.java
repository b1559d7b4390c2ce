package org.brickworks.jobs.internal;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.brickworks.core.api.BrickworksException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code jobs/update} as Databricks does it: the top-level fields of the new settings replace the old ones, except the
 * arrays keyed by a field of their entries ({@code tasks} by {@code task_key}, {@code job_clusters} by
 * {@code job_cluster_key}), whose entries replace those with the same key and are appended otherwise; then
 * {@code fields_to_remove} removes top-level fields, or single entries of those arrays as {@code tasks/<task_key>}.
 */
final class SettingsEdit {
    static final Map<String, String> KEYED = Map.of("tasks", "task_key", "job_clusters", "job_cluster_key");

    private SettingsEdit() {
    }

    /** {@code settings} with the update applied; {@code settings} itself is left as it was. */
    static ObjectNode apply(ObjectNode settings, JsonNode newSettings, List<String> fieldsToRemove) {
        ObjectNode edited = settings.deepCopy();
        if (newSettings != null && !newSettings.isNull()) {
            if (!newSettings.isObject()) {
                throw BrickworksException.invalidParameter("new_settings must be a JSON object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = newSettings.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = KEYED.get(field.getKey());
                if (key != null && field.getValue().isArray() && edited.path(field.getKey()).isArray()) {
                    merge((ArrayNode) edited.get(field.getKey()), (ArrayNode) field.getValue(), key);
                } else {
                    edited.set(field.getKey(), field.getValue().deepCopy());
                }
            }
        }
        for (String field : fieldsToRemove == null ? List.<String>of() : fieldsToRemove) {
            remove(edited, field);
        }
        return edited;
    }

    private static void merge(ArrayNode existing, ArrayNode updates, String key) {
        for (JsonNode update : updates) {
            String name = update.path(key).asText(null);
            int at = indexOf(existing, key, name);
            if (at >= 0) {
                existing.set(at, update.deepCopy());
            } else {
                existing.add(update.deepCopy());
            }
        }
    }

    private static void remove(ObjectNode settings, String field) {
        int slash = field.indexOf('/');
        if (slash < 0) {
            settings.remove(field);
            return;
        }
        String array = field.substring(0, slash);
        String key = KEYED.get(array);
        if (key == null) {
            throw BrickworksException.invalidParameter("fields_to_remove: " + field + " is not a field to remove;"
                    + " nested fields are removed only as tasks/<task_key> or job_clusters/<job_cluster_key>");
        }
        String name = field.substring(slash + 1);
        int at = settings.path(array).isArray() ? indexOf((ArrayNode) settings.get(array), key, name) : -1;
        if (at < 0) {
            throw BrickworksException.invalidParameter("fields_to_remove: the job has no " + key + " " + name);
        }
        ((ArrayNode) settings.get(array)).remove(at);
    }

    private static int indexOf(ArrayNode entries, String key, String name) {
        for (int i = 0; i < entries.size(); i++) {
            if (name != null && name.equals(entries.get(i).path(key).asText(null))) {
                return i;
            }
        }
        return -1;
    }
}
