package org.brickworks.store.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where the store's database password comes from, so that it need not stand in plaintext in the configuration: the
 * variable {@value #ENVIRONMENT} when it is set, else the owner-only file named by {@code passwordFile} (its first
 * line), else {@code password}.
 */
final class StorePassword {
    static final String ENVIRONMENT = "BRICKWORKS_STORE_PASSWORD";
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private StorePassword() {
    }

    /**
     * @param environmentValue
     *            the value of {@value #ENVIRONMENT}, or null when it is not set
     * @throws IllegalStateException
     *             when the password file cannot be read or others than its owner may read it
     */
    static String of(StoreConfig config, String environmentValue) {
        if (environmentValue != null && !environmentValue.isEmpty()) {
            return environmentValue;
        }
        if (config.passwordFile().isBlank()) {
            return config.password();
        }
        Path file = Path.of(config.passwordFile().strip());
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> granted = EnumSet.copyOf(Files.getPosixFilePermissions(file));
                granted.retainAll(OTHERS);
                if (!granted.isEmpty()) {
                    throw new IllegalStateException("The store's password file " + file + " may be read by others"
                            + " than its owner: chmod 600 it");
                }
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the store's password file " + file, e);
        }
    }
}
