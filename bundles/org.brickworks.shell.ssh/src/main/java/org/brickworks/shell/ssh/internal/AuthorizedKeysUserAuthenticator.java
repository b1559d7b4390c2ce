package org.brickworks.shell.ssh.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.function.Supplier;

import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.security.api.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SSH public-key login: the key must be listed in an OpenSSH {@code authorized_keys} file (re-read when it changes; no
 * file means no key logins) and the SSH user name must be an existing Brickworks user. Any listed key may log in as any
 * user: the file is the administrator's list of trusted keys. Called on SSHD's I/O threads; thread-safe.
 */
final class AuthorizedKeysUserAuthenticator implements PublickeyAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizedKeysUserAuthenticator.class);

    private final Path file;
    private final AuthorizedKeysAuthenticator keys;
    private final Supplier<UserService> users;
    private final LoginAudit audit;

    AuthorizedKeysUserAuthenticator(Path file, Supplier<UserService> users, LoginAudit audit) {
        this.audit = audit;
        this.file = file;
        this.keys = new AuthorizedKeysAuthenticator(file);
        this.users = users;
    }

    @Override
    public boolean authenticate(String userName, PublicKey key, ServerSession session) {
        // Checked here because SSHD logs every attempt against a missing file at INFO.
        // A key that is not listed is not audited: clients offer every key they hold before a token.
        if (!Files.isRegularFile(file) || !keys.authenticate(userName, key, session)) {
            return false;
        }
        try {
            users.get().get(userName);
        } catch (BrickworksException e) {
            LOG.debug("SSH key login as {} from {} refused: {}", userName, session.getClientAddress(), e.getMessage());
            audit.refused(session, userName, "publickey", e.getMessage());
            return false;
        }
        // SSHD asks before the client proves it holds the key, so nothing is recorded on the session here.
        LOG.debug("SSH key of {} accepted from {}", userName, session.getClientAddress());
        return true;
    }
}
