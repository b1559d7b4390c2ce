package org.brickworks.agent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code %fs} commands (language {@code fs}, or any command whose text starts with {@code %fs}): one
 * {@code dbutils.fs} call written shell-like, {@code ls [path]}, {@code head path [maxBytes]},
 * {@code put [-f] path contents}, {@code cp [-r] from to}, {@code mv [-r] from to}, {@code rm [-r] path},
 * {@code mkdirs path}, {@code mounts}; quotes group words. {@code ls} and {@code mounts} answer a table as Databricks
 * does, the others text.
 */
final class FsMagic implements Interpreter {

    static final String MAGIC = "%fs";
    private static final Pattern WORD = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|(\\S+)");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String USAGE = "%fs takes ls [path], head path [maxBytes], put [-f] path contents, "
            + "cp [-r] from to, mv [-r] from to, rm [-r] path, mkdirs path, mounts";

    private final DbfsUtils fs;

    FsMagic(DbfsUtils fs) {
        this.fs = fs;
    }

    /** Whether a command in any language is a {@code %fs} command; {@link #execute} takes it with its magic. */
    static boolean isFsCommand(String code) {
        String text = code.stripLeading();
        return text.startsWith(MAGIC) && (text.length() == MAGIC.length() || Character.isWhitespace(text.charAt(3)));
    }

    @Override
    public ObjectNode execute(CommandRun run) {
        List<String> words = words(isFsCommand(run.code()) ? run.code().stripLeading().substring(3) : run.code());
        try {
            return execute(words);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            return Results.error(e.getClass().getName() + ": " + e.getMessage(), "");
        }
    }

    private ObjectNode execute(List<String> words) throws IOException {
        if (words.isEmpty()) {
            throw new IllegalArgumentException(USAGE);
        }
        String command = words.get(0);
        boolean flag = words.size() > 1 && (words.get(1).equals("-r") || words.get(1).equals("-f"));
        List<String> args = words.subList(flag ? 2 : 1, words.size());
        return switch (command) {
        case "ls" -> files(fs.ls(args.isEmpty() ? "/" : arg(args, 0, 1)));
        case "head" -> Results.text(args.size() > 1 ? fs.head(arg(args, 0, 2), Integer.parseInt(args.get(1)))
                : fs.head(arg(args, 0, 1)));
        case "put" -> {
            String contents = arg(args, 1, 2);
            fs.put(args.get(0), contents, flag);
            yield Results.text("Wrote " + contents.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    + " bytes.");
        }
        case "cp" -> Results.text(Boolean.toString(fs.cp(arg(args, 0, 2), args.get(1), flag)));
        case "mv" -> Results.text(Boolean.toString(fs.mv(arg(args, 0, 2), args.get(1), flag)));
        case "rm" -> Results.text(Boolean.toString(fs.rm(arg(args, 0, 1), flag)));
        case "mkdirs" -> Results.text(Boolean.toString(fs.mkdirs(arg(args, 0, 1))));
        case "mounts" -> mounts(fs.mounts());
        default -> throw new IllegalArgumentException("Unknown %fs command " + command + ": " + USAGE);
        };
    }

    /** The argument at {@code index}, checking the command got exactly {@code count}. */
    private static String arg(List<String> args, int index, int count) {
        if (args.size() != count) {
            throw new IllegalArgumentException("Wrong number of arguments: " + USAGE);
        }
        return args.get(index);
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            words.add(matcher.group(1) != null ? matcher.group(1).replaceAll("\\\\(.)", "$1")
                    : matcher.group(2) != null ? matcher.group(2) : matcher.group(3));
        }
        return words;
    }

    private static ObjectNode files(FileInfo[] infos) {
        ObjectNode table = table("path", "string", "name", "string", "size", "long", "modificationTime", "long");
        ArrayNode data = table.putArray("data");
        for (FileInfo info : infos) {
            data.addArray().add(info.path()).add(info.name()).add(info.size()).add(info.modificationTime());
        }
        return table.put("truncated", false).put("isJsonSchema", true);
    }

    private static ObjectNode mounts(MountInfo[] infos) {
        ObjectNode table = table("mountPoint", "string", "source", "string");
        ArrayNode data = table.putArray("data");
        for (MountInfo info : infos) {
            data.addArray().add(info.mountPoint()).add(info.source());
        }
        return table.put("truncated", false).put("isJsonSchema", true);
    }

    /** A table result's head: columns as name and Spark type pairs. */
    private static ObjectNode table(String... columns) {
        ObjectNode table = JSON.objectNode().put("resultType", "table");
        ArrayNode schema = table.putArray("schema");
        for (int i = 0; i < columns.length; i += 2) {
            schema.addObject().put("name", columns[i]).put("type", "\"" + columns[i + 1] + "\"").put("metadata", "{}");
        }
        return table;
    }

    @Override
    public void close() {
        // Nothing to stop: every command is one call.
    }
}
