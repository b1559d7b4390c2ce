package org.brickworks.agent.languages;

import static org.brickworks.agent.execution.Results.column;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.brickworks.agent.dbutils.DbfsUtils;
import org.brickworks.agent.dbutils.FileInfo;
import org.brickworks.agent.dbutils.MountInfo;
import org.brickworks.agent.protocol.CellCommand;
import org.brickworks.agent.protocol.CellInterpreter;
import org.brickworks.agent.protocol.ErrorResult;
import org.brickworks.agent.protocol.Result;
import org.brickworks.agent.protocol.TableResult;
import org.brickworks.agent.protocol.TextResult;

/**
 * {@code fs} commands ({@code %fs} in a cell of any language): one {@code dbutils.fs} call written shell-like,
 * {@code ls [path]}, {@code head path [maxBytes]}, {@code put [-f] path contents}, {@code cp [-r] from to},
 * {@code mv [-r] from to}, {@code rm [-r] path}, {@code mkdirs path}, {@code mounts}; quotes group words. {@code ls}
 * and {@code mounts} answer a table as Databricks does, the others text.
 */
final class FsMagic implements CellInterpreter {

    private static final Pattern WORD = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|(\\S+)");
    private static final String USAGE = "%fs takes ls [path], head path [maxBytes], put [-f] path contents, "
            + "cp [-r] from to, mv [-r] from to, rm [-r] path, mkdirs path, mounts";

    private final DbfsUtils fs;

    FsMagic(DbfsUtils fs) {
        this.fs = fs;
    }

    @Override
    public Result execute(CellCommand command) {
        try {
            return execute(words(command.code()));
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            return new ErrorResult(e.getClass().getName() + ": " + e.getMessage(), "");
        }
    }

    private Result execute(List<String> words) throws IOException {
        if (words.isEmpty()) {
            throw new IllegalArgumentException(USAGE);
        }
        String command = words.get(0);
        boolean flag = words.size() > 1 && (words.get(1).equals("-r") || words.get(1).equals("-f"));
        List<String> args = words.subList(flag ? 2 : 1, words.size());
        return switch (command) {
        case "ls" -> files(fs.ls(args.isEmpty() ? "/" : arg(args, 0, 1)));
        case "head" -> TextResult.of(args.size() > 1 ? fs.head(arg(args, 0, 2), Integer.parseInt(args.get(1)))
                : fs.head(arg(args, 0, 1)));
        case "put" -> {
            String contents = arg(args, 1, 2);
            fs.put(args.get(0), contents, flag);
            yield TextResult.of("Wrote " + contents.getBytes(StandardCharsets.UTF_8).length + " bytes.");
        }
        case "cp" -> TextResult.of(Boolean.toString(fs.cp(arg(args, 0, 2), args.get(1), flag)));
        case "mv" -> TextResult.of(Boolean.toString(fs.mv(arg(args, 0, 2), args.get(1), flag)));
        case "rm" -> TextResult.of(Boolean.toString(fs.rm(arg(args, 0, 1), flag)));
        case "mkdirs" -> TextResult.of(Boolean.toString(fs.mkdirs(arg(args, 0, 1))));
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

    private static TableResult files(FileInfo[] infos) {
        List<List<Object>> rows = new ArrayList<>();
        for (FileInfo info : infos) {
            rows.add(List.of(info.path(), info.name(), info.size(), info.modificationTime()));
        }
        return new TableResult(List.of(column("path", "string"), column("name", "string"), column("size", "long"),
                column("modificationTime", "long")), rows, false);
    }

    private static TableResult mounts(MountInfo[] infos) {
        List<List<Object>> rows = new ArrayList<>();
        for (MountInfo info : infos) {
            rows.add(List.of(info.mountPoint(), info.source()));
        }
        return new TableResult(List.of(column("mountPoint", "string"), column("source", "string")), rows, false);
    }

    @Override
    public void interrupt() {
        // Every command is one file system call.
    }

    @Override
    public void close() {
        // Nothing to stop: every command is one call.
    }
}
