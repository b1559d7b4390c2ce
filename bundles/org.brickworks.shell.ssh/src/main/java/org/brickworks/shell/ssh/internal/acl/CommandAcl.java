package org.brickworks.shell.ssh.internal.acl;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.security.api.UserService;

/**
 * Who may run which command over SSH: the rules of every scope's {@code etc/org.apache.karaf.command.acl.<scope>.cfg},
 * plus those of {@value #DEFAULT_SCOPE} for the scopes without a file. Administrators may run everything; anyone else
 * a command whose most specific rule names one of their groups. A command no rule is about is for administrators
 * only, and so is every command while no rules are known. Immutable; a file's edit makes a new one.
 */
public final class CommandAcl {
    /** The pseudo-scope whose rules apply to the commands of scopes that have no file of their own. */
    public static final String DEFAULT_SCOPE = "default";
    /** The pseudo-scope of what the shell itself does beside commands (Karaf's {@code shell:.invoke} and so on). */
    public static final String SHELL_SCOPE = "shell";
    /** Calling a method of a Java object: {@code $.context bundles}. */
    public static final String INVOKE = ".invoke";
    /** Redirecting a command's output to a host file or its input from one: {@code bw:users > /tmp/u}. */
    public static final String REDIRECT = ".redirect";
    /** Expanding wildcards against host files: {@code echo /etc/*}. */
    public static final String GLOB = ".glob";
    /** No rules: everything for administrators only. */
    public static final CommandAcl NONE = new CommandAcl(Map.of());

    private static final Map<String, String> SHELL_ACTIONS = Map.of(INVOKE, "calling methods of Java objects", REDIRECT,
            "redirecting to or from host files", GLOB, "expanding wildcards against host files");

    private final Map<String, ScopeAcl> scopes;

    private CommandAcl(Map<String, ScopeAcl> scopes) {
        this.scopes = Map.copyOf(scopes);
    }

    /** The rules of {@code configurations}: each scope's configuration properties. */
    public static CommandAcl of(Map<String, ? extends Map<String, ?>> configurations) {
        Map<String, ScopeAcl> scopes = new HashMap<>();
        configurations.forEach((scope, properties) -> scopes.put(scope.toLowerCase(Locale.ROOT),
                ScopeAcl.parse(scope, properties)));
        return new CommandAcl(scopes);
    }

    /** The scopes that have rules, for the log. */
    public Set<String> scopes() {
        return new TreeSet<>(scopes.keySet());
    }

    /**
     * The groups whose members may run {@code scope:command} with these arguments; empty when only administrators
     * may.
     */
    public Set<String> groupsAdmitted(String scope, String command, List<?> arguments) {
        String lowerScope = scope.toLowerCase(Locale.ROOT);
        ScopeAcl rules = scopes.containsKey(lowerScope) ? scopes.get(lowerScope) : scopes.get(DEFAULT_SCOPE);
        if (rules == null) {
            return Set.of();
        }
        String words = arguments.stream().map(String::valueOf).collect(Collectors.joining(" "));
        return rules.groupsFor(command.toLowerCase(Locale.ROOT), words).orElse(Set.of());
    }

    public boolean permits(SshCaller caller, String scope, String command, List<?> arguments) {
        return caller.admin() || groupsAdmitted(scope, command, arguments).stream().anyMatch(caller.groups()::contains);
    }

    /**
     * Refuses what {@code caller} may not run, in one line: {@code Permission denied: felix:install is for admins}.
     *
     * @throws BrickworksException
     *             {@code PERMISSION_DENIED}
     */
    public void check(SshCaller caller, String scope, String command, List<?> arguments) {
        if (permits(caller, scope, command, arguments)) {
            return;
        }
        Set<String> groups = new TreeSet<>(groupsAdmitted(scope, command, arguments));
        groups.remove(UserService.ADMINS);
        String what = scope + ":" + command;
        if (SHELL_SCOPE.equals(scope) && SHELL_ACTIONS.containsKey(command)) {
            what = SHELL_ACTIONS.get(command) + " (" + what + ")";
        }
        String who = groups.isEmpty() ? "admins" : "admins and members of " + String.join(", ", groups);
        throw new BrickworksException(ErrorCode.PERMISSION_DENIED, "Permission denied: " + what + " is for " + who);
    }
}
