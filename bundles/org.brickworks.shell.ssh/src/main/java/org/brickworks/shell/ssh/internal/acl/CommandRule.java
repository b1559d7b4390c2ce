package org.brickworks.shell.ssh.internal.acl;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * One line of a command ACL file, in Karaf's format: {@code command = group, group}, {@code command[/regex/] = group}
 * or a wildcard {@code cluster-* = group}.
 *
 * @param command
 *            the command's name (without scope) in lower case, possibly with {@code *} wildcards
 * @param arguments
 *            the regular expression the command's arguments, joined by single spaces, must match as a whole; null
 *            for a rule on the name alone
 * @param groups
 *            the Brickworks groups whose members may run the command; empty when only administrators may
 */
record CommandRule(String command, Pattern arguments, Set<String> groups) {
    CommandRule {
        groups = Set.copyOf(groups);
    }

    boolean isWildcard() {
        return command.indexOf('*') >= 0;
    }

    /** Whether this wildcard rule's name pattern matches {@code name}. */
    boolean wildcardMatches(String name) {
        StringBuilder regex = new StringBuilder();
        for (String part : command.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return name.matches(regex.toString());
    }

    /** How specific a wildcard is: the longer its literal part, the more specific. */
    int literalLength() {
        return command.replace("*", "").length();
    }
}
