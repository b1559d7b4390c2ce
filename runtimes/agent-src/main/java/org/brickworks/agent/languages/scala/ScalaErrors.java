package org.brickworks.agent.languages.scala;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one-line summary of a failed Scala command, from what the REPL printed. A compile error gives the compiler's
 * first error with its line and the message's further lines joined: Scala 2.12 prints
 * {@code <console>:18: error: type mismatch;} then the message's lines, then the code line and a caret; 2.13 prints
 * the code line and caret first, then {@code On line 2: error: type mismatch;} (indented and without
 * {@code On line 1:} when the error is on the cell's first line). Else the summary is the exception's line, else the
 * first line printed. Stateless.
 */
final class ScalaErrors {

    private static final Pattern ERROR_LINE = Pattern
            .compile("(?m)^[ \\t]*(<console>:\\d+: |On line \\d+: )?error: (.*)$");
    private static final Pattern EXCEPTION_LINE = Pattern.compile("(?m)^([\\w.$]+(?:Exception|Error)[^\\n]*)$");
    private static final Pattern CARET_LINE = Pattern.compile("\\s*\\^\\s*");
    private static final String FIRST_LINE = "On line 1: ";
    private static final int MAX_MESSAGE_LINES = 4;

    private ScalaErrors() {
    }

    /** The summary of {@code output}, what the REPL printed for {@code code}. */
    static String summary(String output, String code) {
        Matcher error = ERROR_LINE.matcher(output);
        if (error.find()) {
            String location = error.group(1) == null ? FIRST_LINE : error.group(1);
            return location + "error: " + error.group(2).strip() + furtherLines(output.substring(error.end()), code);
        }
        Matcher exception = EXCEPTION_LINE.matcher(output);
        if (exception.find()) {
            return exception.group(1).strip();
        }
        String firstLine = output.strip().lines().findFirst().orElse("");
        return firstLine.isEmpty() ? "Scala command failed" : firstLine;
    }

    /** The message's lines after its first, up to the code line, its caret or the next error. */
    private static String furtherLines(String rest, String code) {
        Set<String> codeLines = code.lines().map(String::strip).filter(line -> !line.isEmpty())
                .collect(Collectors.toSet());
        StringBuilder message = new StringBuilder();
        int taken = 0;
        for (String line : rest.lines().skip(1).toList()) {
            String text = line.strip();
            if (text.isEmpty() || codeLines.contains(text) || CARET_LINE.matcher(line).matches()
                    || ERROR_LINE.matcher(line).matches() || taken++ == MAX_MESSAGE_LINES) {
                break;
            }
            message.append(' ').append(text.replaceAll("\\s+", " "));
        }
        return message.toString();
    }
}
