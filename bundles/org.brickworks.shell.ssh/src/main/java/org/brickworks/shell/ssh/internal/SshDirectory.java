package org.brickworks.shell.ssh.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * The SSH server's files under {@code <data>/ssh}: the generated host key ({@value #HOST_KEY}, owner-only) and the
 * optional OpenSSH {@value #AUTHORIZED_KEYS} file an administrator maintains. Used from the component's lifecycle
 * methods only.
 */
final class SshDirectory {
    static final String HOST_KEY = "hostkey.ser";
    static final String AUTHORIZED_KEYS = "authorized_keys";

    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path directory;

    private SshDirectory(Path directory) {
        this.directory = directory;
    }

    /** Creates {@code <data>/ssh} (owner-only) when missing. */
    static SshDirectory in(Path dataDirectory) throws IOException {
        Path directory = dataDirectory.resolve("ssh");
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            restrictToOwner(directory, OWNER_DIRECTORY);
        }
        return new SshDirectory(directory);
    }

    Path authorizedKeys() {
        return directory.resolve(AUTHORIZED_KEYS);
    }

    /** The host key, generated on first use and kept readable by the owner only. */
    KeyPairProvider hostKeys() throws IOException {
        Path file = directory.resolve(HOST_KEY);
        SimpleGeneratorHostKeyProvider provider = new SimpleGeneratorHostKeyProvider(file);
        // Generate it now rather than at the first login, so its mode is fixed before anyone connects.
        provider.loadKeys(null);
        restrictToOwner(file, OWNER_FILE);
        return provider;
    }

    private static void restrictToOwner(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }
}
