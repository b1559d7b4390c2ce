package org.brickworks.shell.ssh.client;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The command line the server's Gogo shell parses back into exactly the client's words: the command name as it is (a
 * quoted one would be a string, not a command, so it must be a plain name), every other word in single quotes, inside
 * which Gogo takes everything literally ({@code $}, {@code *}, parentheses, backslashes, double quotes, newlines); a
 * single quote is closed, escaped and reopened ({@code 'it'\''s'}), as in a POSIX shell. An empty word stays an empty
 * argument.
 */
final class GogoLine {
    /** What a command name may consist of. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]+");

    private GogoLine() {
    }

    /** Whether {@code word} can be the command: {@code bw:status}, {@code lb}. */
    static boolean isCommandName(String word) {
        return NAME.matcher(word).matches();
    }

    /** {@code words} as one command line; the first must be a {@link #isCommandName command name}. */
    static String of(List<String> words) {
        return Stream.concat(Stream.of(words.get(0)), words.stream().skip(1).map(GogoLine::quote))
                .collect(Collectors.joining(" "));
    }

    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
