package org.brickworks.shell.ssh.internal.acl;

import java.util.Set;

/**
 * Who runs an SSH command line, as the security service saw them when the line started.
 *
 * @param user
 *            the signed-in Brickworks user
 * @param admin
 *            whether they are an active member of {@code admins}: administrators may run every command
 * @param groups
 *            the display names of their groups, nested ones included
 */
public record SshCaller(String user, boolean admin, Set<String> groups) {
    public SshCaller {
        groups = Set.copyOf(groups);
    }
}
