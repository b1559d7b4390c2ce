package org.brickworks.agent.languages.python;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.brickworks.agent.dbutils.DbUtils;
import org.brickworks.agent.dbutils.DbUtilsHelp;
import org.brickworks.agent.dbutils.DbfsUtils;
import org.brickworks.agent.dbutils.FileInfo;
import org.brickworks.agent.dbutils.MountInfo;
import org.brickworks.agent.dbutils.SecretsUtils;
import org.brickworks.agent.dbutils.Widgets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a Python cell asks of its context's {@code dbutils} while it runs: a request {@code {"call": "fs.ls",
 * "args": {...}}} from the kernel, answered with {@code {"value": ...}} or, when the call failed,
 * {@code {"error": {"type": "java.io.FileNotFoundException", "message": "..."}}}. Runs on the context's worker thread,
 * so Python reaches the same widgets and files as the context's Scala cells.
 */
final class KernelCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DbUtils dbutils;

    KernelCalls(DbUtils dbutils) {
        this.dbutils = dbutils;
    }

    ObjectNode answer(JsonNode request) {
        ObjectNode answer = JSON.createObjectNode();
        try {
            answer.set("value", JSON.valueToTree(call(request.path("call").asText(), request.path("args"))));
        } catch (Exception e) {
            answer.putObject("error").put("type", e.getClass().getName()).put("message",
                    e.getMessage() == null ? "" : e.getMessage());
        }
        return answer;
    }

    private Object call(String name, JsonNode args) throws Exception {
        DbfsUtils fs = dbutils.fs();
        Widgets widgets = dbutils.widgets();
        return switch (name) {
        case "fs.ls" -> fileInfos(fs.ls(text(args, "path")));
        case "fs.head" -> fs.head(text(args, "path"), args.path("maxBytes").asInt(DbfsUtils.DEFAULT_HEAD_BYTES));
        case "fs.put" -> fs.put(text(args, "path"), text(args, "contents"), args.path("overwrite").asBoolean());
        case "fs.cp" -> fs.cp(text(args, "from"), text(args, "to"), args.path("recurse").asBoolean());
        case "fs.mv" -> fs.mv(text(args, "from"), text(args, "to"), args.path("recurse").asBoolean());
        case "fs.rm" -> fs.rm(text(args, "path"), args.path("recurse").asBoolean());
        case "fs.mkdirs" -> fs.mkdirs(text(args, "path"));
        case "fs.mounts" -> mountInfos(fs.mounts());
        case "fs.mount" -> fs.mountWith(text(args, "source"), text(args, "mountPoint"),
                stringMap(args.path("extraConfigs")));
        case "fs.unmount" -> fs.unmount(text(args, "mountPoint"));
        case "widgets.text" -> {
            widgets.text(text(args, "name"), args.path("defaultValue").asText(""));
            yield null;
        }
        case "widgets.dropdown" -> {
            widgets.dropdown(text(args, "name"), text(args, "defaultValue"), strings(args.path("choices")));
            yield null;
        }
        case "widgets.get" -> widgets.get(text(args, "name"));
        case "widgets.getArgument" -> widgets.getArgument(text(args, "name"),
                args.path("defaultValue").isNull() ? null : args.path("defaultValue").asText(null));
        case "widgets.remove" -> {
            widgets.remove(text(args, "name"));
            yield null;
        }
        case "widgets.removeAll" -> {
            widgets.removeAll();
            yield null;
        }
        case "help" -> DbUtilsHelp.text(args.path("module").asText(""), args.path("method").asText(""));
        case "jobs.taskValues.set" -> {
            dbutils.jobs().taskValues().setJson(text(args, "key"), text(args, "value"));
            yield null;
        }
        case "jobs.taskValues.get" -> dbutils.jobs().taskValues().getJson(text(args, "taskKey"), text(args, "key"));
        case "secrets.getBytes" -> Base64.getEncoder()
                .encodeToString(dbutils.secrets().getBytes(text(args, "scope"), text(args, "key")));
        case "secrets.list" -> Arrays.stream(dbutils.secrets().list(text(args, "scope")))
                .map(SecretsUtils.SecretMetadata::key).toList();
        case "secrets.listScopes" -> Arrays.stream(dbutils.secrets().listScopes())
                .map(SecretsUtils.SecretScope::name).toList();
        case "notebook.run" -> dbutils.notebook().runWith(text(args, "path"), args.path("timeoutSeconds").asInt(0),
                stringMap(args.path("arguments")));
        default -> throw new IllegalArgumentException("Unknown dbutils call " + name);
        };
    }

    private static String text(JsonNode args, String field) {
        JsonNode value = args.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(entry -> values.put(entry.getKey(), entry.getValue().asText()));
        return values;
    }

    private static ArrayNode fileInfos(FileInfo[] infos) {
        ArrayNode array = JSON.createArrayNode();
        for (FileInfo info : infos) {
            array.addObject().put("path", info.path()).put("name", info.name()).put("size", info.size())
                    .put("modificationTime", info.modificationTime());
        }
        return array;
    }

    private static ArrayNode mountInfos(MountInfo[] infos) {
        ArrayNode array = JSON.createArrayNode();
        for (MountInfo info : infos) {
            array.addObject().put("mountPoint", info.mountPoint()).put("source", info.source());
        }
        return array;
    }
}
