package org.brickworks.shell.ssh.internal;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.server.session.ServerSession;

/**
 * The Brickworks user an SSH session acts for. A token login may use the SSH user name
 * {@value TokenPasswordAuthenticator#TOKEN_USER_NAME}, so the token's owner is kept on the session; a key login is for
 * the SSH user name itself. Safe from any thread (session attributes are concurrent).
 */
final class AuthenticatedUser {
    private static final AttributeKey<String> TOKEN_OWNER = new AttributeKey<>();

    private AuthenticatedUser() {
    }

    /** Called only once a token login has succeeded, which ends authentication. */
    static void rememberTokenOwner(ServerSession session, String userName) {
        session.setAttribute(TOKEN_OWNER, userName);
    }

    static String of(ServerSession session) {
        String owner = session.getAttribute(TOKEN_OWNER);
        return owner != null ? owner : session.getUsername();
    }
}
