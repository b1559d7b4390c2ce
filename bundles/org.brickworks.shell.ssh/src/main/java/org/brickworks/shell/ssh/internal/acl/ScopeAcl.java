package org.brickworks.shell.ssh.internal.acl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of one command scope, read from {@code etc/org.apache.karaf.command.acl.<scope>.cfg}. As in Karaf, the
 * most specific rule decides: rules whose argument pattern matches (all of them, their groups together), else the rule
 * naming the command, else the matching wildcard with the longest literal part. Immutable.
 */
final class ScopeAcl {
    private static final Logger LOG = LoggerFactory.getLogger(ScopeAcl.class);
    private static final Pattern KEY = Pattern.compile("(.+?)\\s*\\[/(.*)/\\]");
    /** Properties Configuration Admin and File Install add to every configuration: not rules. */
    private static final List<String> METADATA_PREFIXES = List.of("service.", "felix.fileinstall.", "component.");
    /** Stands for an argument pattern that does not compile: it matches anything and admits administrators only. */
    private static final Pattern ANYTHING = Pattern.compile(".*", Pattern.DOTALL);

    private final List<CommandRule> rules;

    private ScopeAcl(List<CommandRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The rules of a configuration's properties; a rule that cannot be read is logged and admits admins only. */
    static ScopeAcl parse(String scope, Map<String, ?> properties) {
        List<CommandRule> rules = new ArrayList<>();
        properties.forEach((key, value) -> {
            if (METADATA_PREFIXES.stream().noneMatch(key::startsWith)) {
                rules.add(rule(scope, key.strip(), String.valueOf(value)));
            }
        });
        return new ScopeAcl(rules);
    }

    private static CommandRule rule(String scope, String key, String value) {
        Set<String> groups = groups(value);
        Matcher withArguments = KEY.matcher(key);
        if (!withArguments.matches()) {
            return new CommandRule(key.toLowerCase(Locale.ROOT), null, groups);
        }
        String command = withArguments.group(1).toLowerCase(Locale.ROOT);
        try {
            return new CommandRule(command, Pattern.compile(withArguments.group(2), Pattern.DOTALL), groups);
        } catch (PatternSyntaxException e) {
            // Skipping the rule would let a broader one admit what it was written to refuse.
            LOG.warn("Command ACL of scope {}: {} is not a regular expression; {} is for admins only ({})", scope,
                    withArguments.group(2), command, e.getDescription());
            return new CommandRule(command, ANYTHING, Set.of());
        }
    }

    /** {@code "admins, users # a comment"}: the groups, without spaces and the comment. */
    static Set<String> groups(String value) {
        int comment = value.indexOf('#');
        String list = comment < 0 ? value : value.substring(0, comment);
        Set<String> groups = new LinkedHashSet<>();
        for (String group : list.split(",")) {
            if (!group.isBlank()) {
                groups.add(group.strip());
            }
        }
        return groups;
    }

    /**
     * The groups the most specific rule for {@code command} admits, or empty when no rule is about it.
     *
     * @param command
     *            the command's name without scope, in lower case
     * @param arguments
     *            its arguments joined by single spaces
     */
    Optional<Set<String>> groupsFor(String command, String arguments) {
        Set<String> byArguments = new LinkedHashSet<>();
        boolean argumentsMatched = false;
        for (CommandRule rule : rules) {
            if (rule.arguments() != null && nameMatches(rule, command)
                    && rule.arguments().matcher(arguments).matches()) {
                argumentsMatched = true;
                byArguments.addAll(rule.groups());
            }
        }
        if (argumentsMatched) {
            return Optional.of(byArguments);
        }
        Optional<CommandRule> byName = rules.stream()
                .filter(rule -> rule.arguments() == null && !rule.isWildcard() && rule.command().equals(command))
                .findFirst();
        if (byName.isPresent()) {
            return byName.map(CommandRule::groups);
        }
        return rules.stream().filter(rule -> rule.arguments() == null && rule.isWildcard())
                .filter(rule -> rule.wildcardMatches(command)).max(Comparator.comparingInt(CommandRule::literalLength))
                .map(CommandRule::groups);
    }

    private static boolean nameMatches(CommandRule rule, String command) {
        return rule.isWildcard() ? rule.wildcardMatches(command) : rule.command().equals(command);
    }
}
