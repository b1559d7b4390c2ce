package org.brickworks.shell.ssh.internal;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.session.ServerSession;
import org.brickworks.audit.api.AuditEvent;

/**
 * SSH sign-ins in the audit log, as Databricks records logins (service {@code accounts}): every refused token or key
 * ({@code 401}, with why) when it is refused, and every session once SSHD has authenticated it ({@code 200}, with the
 * user it acts for), whichever method it took. Thread-safe.
 */
final class LoginAudit implements SessionListener {
    static final String SERVICE = "accounts";
    static final String ACTION = "sshLogin";

    private final Consumer<AuditEvent> audit;

    LoginAudit(Consumer<AuditEvent> audit) {
        this.audit = audit;
    }

    /** A login as {@code claimed} refused for {@code why}, which names no credential. */
    void refused(ServerSession session, String claimed, String method, String why) {
        audit.accept(event(session, claimed, method, 401, why));
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event == Event.Authenticated && session instanceof ServerSession server) {
            audit.accept(event(server, AuthenticatedUser.of(server), null, 200, null));
        }
    }

    private static AuditEvent event(ServerSession session, String user, String method, int status, String why) {
        return new AuditEvent(System.currentTimeMillis(), SERVICE, ACTION, user,
                method == null ? Map.of() : Map.of("method", method), status, why, address(session.getClientAddress()),
                "ssh", UUID.randomUUID().toString());
    }

    private static String address(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }
}
