package org.brickworks.agent.dbutils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.brickworks.agent.protocol.TaskValueAnswer;

import com.fasterxml.jackson.databind.ObjectMapper;

import scala.Tuple2;

/**
 * {@code dbutils.jobs.taskValues}: values a job task sets for the later tasks of its run, which read them here or as
 * {@code {{tasks.<key>.values.<name>}}}. The values live with the job run on the platform, which this context's
 * notebook runs a task of ({@link PlatformCallback}); outside a job run a set does nothing and a get answers its debug
 * value, as in Databricks. Values are JSON: Scala cells set strings, numbers, booleans, null, and Scala or Java maps
 * and sequences of them; Python cells what {@code json.dumps} takes.
 */
public final class TaskValues {

    /** The most bytes a value's JSON may take (Databricks' limit). */
    static final int MAX_JSON_BYTES = 48 * 1024;
    private static final String MODULE = "jobs.taskValues";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String contextId;
    private final PlatformCallback platform;

    TaskValues(String contextId, PlatformCallback platform) {
        this.contextId = contextId;
        this.platform = platform;
    }

    /** Sets {@code key} of the running task to {@code value}. */
    public void set(String key, Object value) throws IOException, InterruptedException {
        setJson(key, JSON.writeValueAsString(jsonable(value)));
    }

    /** As {@link #set}, with the value's JSON text: Python's calls. */
    public void setJson(String key, String json) throws IOException, InterruptedException {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_JSON_BYTES) {
            throw new IllegalArgumentException("The value of " + key + " takes " + bytes + " bytes as JSON; at most "
                    + MAX_JSON_BYTES + " are allowed");
        }
        platform.setTaskValue(contextId, key, json);
    }

    public Object get(String taskKey, String key) throws IOException, InterruptedException {
        return get(taskKey, key, null, null);
    }

    public Object get(String taskKey, String key, Object defaultValue) throws IOException, InterruptedException {
        return get(taskKey, key, defaultValue, null);
    }

    /**
     * The value task {@code taskKey} of this job run set as {@code key}; {@code defaultValue} when it set none;
     * {@code debugValue} outside a job run.
     *
     * @throws IllegalArgumentException
     *             when the task set no such value and there is no default, or outside a job run without a debug value
     */
    public Object get(String taskKey, String key, Object defaultValue, Object debugValue)
            throws IOException, InterruptedException {
        TaskValueAnswer answer = getJson(taskKey, key);
        if (!answer.inJob()) {
            if (debugValue == null) {
                throw new IllegalArgumentException("Must pass debugValue when calling get outside of a job run");
            }
            return debugValue;
        }
        if (answer.value() == null) {
            if (defaultValue == null) {
                throw new IllegalArgumentException("Task " + taskKey + " set no value " + key + " in this job run");
            }
            return defaultValue;
        }
        return JSON.readValue(answer.value(), Object.class);
    }

    /** Whether this context runs a job task, and the value's JSON text if the task set it: Python's calls. */
    public TaskValueAnswer getJson(String taskKey, String key) throws IOException, InterruptedException {
        if (taskKey == null || taskKey.isBlank() || key == null || key.isBlank()) {
            throw new IllegalArgumentException("taskKey and key must not be empty");
        }
        return platform.taskValue(contextId, taskKey, key);
    }

    public void help() {
        DbUtilsHelp.print(MODULE, "");
    }

    public void help(String method) {
        DbUtilsHelp.print(MODULE, method);
    }

    /** {@code value} with Scala's collections as Java's, refusing what JSON cannot represent. */
    private static Object jsonable(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof scala.Option<?> option) {
            return option.isEmpty() ? null : jsonable(option.get());
        }
        if (value instanceof scala.collection.Map<?, ?> map) {
            Map<String, Object> entries = new LinkedHashMap<>();
            scala.collection.Iterator<?> pairs = map.iterator();
            while (pairs.hasNext()) {
                Tuple2<?, ?> pair = (Tuple2<?, ?>) pairs.next();
                entries.put(String.valueOf(pair._1()), jsonable(pair._2()));
            }
            return entries;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> entries = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                entries.put(String.valueOf(entry.getKey()), jsonable(entry.getValue()));
            }
            return entries;
        }
        List<Object> elements = new ArrayList<>();
        if (value instanceof scala.collection.Iterable<?> iterable) {
            scala.collection.Iterator<?> items = iterable.iterator();
            while (items.hasNext()) {
                elements.add(jsonable(items.next()));
            }
            return elements;
        }
        if (value instanceof Collection<?> collection) {
            for (Object item : collection) {
                elements.add(jsonable(item));
            }
            return elements;
        }
        throw new IllegalArgumentException("A task value must be representable as JSON (a string, number, boolean,"
                + " null, map or sequence), not a " + value.getClass().getName());
    }
}
