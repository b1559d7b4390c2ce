package org.brickworks.shell.ssh.internal;

import java.util.function.Supplier;

import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.security.api.TokenService;
import org.brickworks.security.api.dto.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SSH password login where the password is a personal access token and the user name is the token's owner or the
 * literal {@value #TOKEN_USER_NAME}. While the security bundle is being swapped a login waits for the token service (up
 * to the login's patience) instead of failing. Called on SSHD's I/O threads; stateless.
 */
final class TokenPasswordAuthenticator implements PasswordAuthenticator {
    static final String TOKEN_USER_NAME = "token";

    private static final Logger LOG = LoggerFactory.getLogger(TokenPasswordAuthenticator.class);

    private final Supplier<TokenService> tokens;
    private final LoginAudit audit;

    TokenPasswordAuthenticator(Supplier<TokenService> tokens, LoginAudit audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    @Override
    public boolean authenticate(String userName, String password, ServerSession session) {
        if (password == null || password.isBlank()) {
            audit.refused(session, userName, "token", "No token");
            return false;
        }
        User owner;
        try {
            owner = tokens.get().authenticate(password.strip());
        } catch (BrickworksException e) {
            // The message names why (unknown, expired, revoked, service unavailable), never the token.
            LOG.debug("SSH token login as {} from {} refused: {}", userName, session.getClientAddress(),
                    e.getMessage());
            audit.refused(session, userName, "token", e.getMessage());
            return false;
        }
        if (!TOKEN_USER_NAME.equals(userName) && !owner.userName().equals(userName)) {
            LOG.debug("SSH token login as {} from {} refused: the token belongs to another user", userName,
                    session.getClientAddress());
            audit.refused(session, userName, "token", "The token belongs to another user");
            return false;
        }
        AuthenticatedUser.rememberTokenOwner(session, owner.userName());
        LOG.info("SSH login of {} with a token from {}", owner.userName(), session.getClientAddress());
        return true;
    }
}
