package org.brickworks.agent.languages.r;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.brickworks.agent.dbutils.SecretsUtils;

/**
 * What an R cell asks of its context's {@code dbutils} while it runs (protocol in {@code r_kernel.R}): a line
 * {@code call\t<name>\t<argument>...} answered with {@code value\t<field>...} or {@code error\t<message>}, one line
 * each. Today {@code dbutils.secrets}: {@code getBytes} (the value as hexadecimal), {@code list} (keys),
 * {@code listScopes} (names).
 */
final class RCalls {
    /** How a kernel's request line starts. */
    static final String CALL = "call\t";

    private final SecretsUtils secrets;

    RCalls(SecretsUtils secrets) {
        this.secrets = secrets;
    }

    /** The answer line to request {@code line}; a failed call is an error line, never an exception. */
    String answer(String line) {
        List<String> fields = Arrays.asList(line.split("\t", -1));
        try {
            return "value" + call(fields.get(1), fields.subList(2, fields.size())).map(field -> "\t" + field)
                    .collect(Collectors.joining());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "error\tinterrupted";
        } catch (Exception e) {
            return "error\t" + String.valueOf(e.getMessage()).replaceAll("[\t\r\n]+", " ");
        }
    }

    private Stream<String> call(String name, List<String> args) throws Exception {
        return switch (name) {
        case "secrets.getBytes" -> Stream.of(HexFormat.of().formatHex(secrets.getBytes(arg(args, 0), arg(args, 1))));
        case "secrets.list" -> Arrays.stream(secrets.list(arg(args, 0))).map(SecretsUtils.SecretMetadata::key);
        case "secrets.listScopes" -> Arrays.stream(secrets.listScopes()).map(SecretsUtils.SecretScope::name);
        default -> throw new IllegalArgumentException("Unknown dbutils call " + name);
        };
    }

    private static String arg(List<String> args, int index) {
        if (index >= args.size()) {
            throw new IllegalArgumentException("dbutils call is missing argument " + (index + 1));
        }
        return args.get(index);
    }
}
