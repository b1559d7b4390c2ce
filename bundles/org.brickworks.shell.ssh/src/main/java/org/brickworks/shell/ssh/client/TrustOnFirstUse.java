package org.brickworks.shell.ssh.client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * Server key checking as OpenSSH's {@code StrictHostKeyChecking=accept-new} does it: an unknown server's key is
 * trusted, said so on {@code err} and remembered in the known-hosts file; a known server presenting another key is
 * refused, and {@link #refusedChangedKey()} tells the caller why the login failed. Called on SSHD's I/O threads for one
 * connection at a time.
 */
final class TrustOnFirstUse {
    private final Path knownHosts;
    private volatile boolean refusedChangedKey;

    TrustOnFirstUse(Path knownHosts) {
        this.knownHosts = knownHosts;
    }

    Path knownHosts() {
        return knownHosts;
    }

    boolean refusedChangedKey() {
        return refusedChangedKey;
    }

    /**
     * @throws IOException
     *             when the known-hosts folder cannot be created
     */
    ServerKeyVerifier verifier(String serverName, PrintStream err) throws IOException {
        Path folder = knownHosts.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        KnownHostsServerKeyVerifier verifier = new KnownHostsServerKeyVerifier(
                (session, address, key) -> trustNewServer(serverName, key, err), knownHosts);
        verifier.setModifiedServerKeyAcceptor((session, address, entry, expected, actual) -> {
            refusedChangedKey = true;
            return false;
        });
        return verifier;
    }

    private boolean trustNewServer(String serverName, PublicKey key, PrintStream err) {
        err.println("Trusting the new SSH server " + serverName + " (" + KeyUtils.getFingerPrint(key)
                + "), remembered in " + knownHosts);
        return true;
    }
}
