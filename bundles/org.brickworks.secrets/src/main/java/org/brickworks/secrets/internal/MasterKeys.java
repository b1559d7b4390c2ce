package org.brickworks.secrets.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.SecretKey;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;

/**
 * The master keys that wrap the scopes' data keys, kept outside the store: the variable {@value #ENVIRONMENT} (base64
 * of 32 bytes) when it is set, else a file (created owner-only on first use) of base64 keys, one a line, the current
 * one first. A key is known by an id derived from it, which each wrapped data key records. During a rotation the file
 * holds the new key and the old ones, so that whatever the store holds at any moment can be unwrapped. Thread-safe.
 */
final class MasterKeys {
    static final String ENVIRONMENT = "BRICKWORKS_MASTER_KEY";
    private static final String HEADER = "# Brickworks master keys (base64 AES-256), the current one first. Keep a"
            + " copy: without it no secret can be read. Rotate with bw:secrets-rotate-key.";

    record MasterKey(String id, SecretKey key) {
        static MasterKey of(SecretKey key) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
                return new MasterKey(HexFormat.of().formatHex(digest, 0, 8), key);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final Path file;
    private final boolean fromEnvironment;
    private volatile List<MasterKey> keys;

    private MasterKeys(Path file, boolean fromEnvironment, List<MasterKey> keys) {
        this.file = file;
        this.fromEnvironment = fromEnvironment;
        this.keys = keys;
    }

    /**
     * @param environmentValue
     *            the value of {@value #ENVIRONMENT}, or null when it is not set
     */
    static MasterKeys open(Path file, String environmentValue) {
        if (environmentValue != null && !environmentValue.isBlank()) {
            return new MasterKeys(file, true, List.of(MasterKey.of(decode(environmentValue.strip(), ENVIRONMENT))));
        }
        try {
            if (!Files.exists(file)) {
                write(file, List.of(MasterKey.of(Envelope.newKey())), false);
            }
            return new MasterKeys(file, false, read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master key file " + file, e);
        }
    }

    MasterKey current() {
        return keys.get(0);
    }

    MasterKey byId(String id) {
        for (MasterKey key : keys) {
            if (key.id().equals(id)) {
                return key;
            }
        }
        throw new BrickworksException(ErrorCode.INTERNAL_ERROR, "A data key is wrapped by master key " + id
                + ", which is not among the master keys (" + where() + ")");
    }

    String where() {
        return fromEnvironment ? "the variable " + ENVIRONMENT : file.toString();
    }

    /** A new current key, written before the old ones so that both unwrap until {@link #finishRotation}. */
    synchronized MasterKey beginRotation() {
        if (fromEnvironment) {
            throw new BrickworksException(ErrorCode.INVALID_STATE, "The master key comes from " + ENVIRONMENT
                    + ": unset it to keep the master key in " + file + " and rotate it there");
        }
        MasterKey next = MasterKey.of(Envelope.newKey());
        List<MasterKey> all = new ArrayList<>();
        all.add(next);
        all.addAll(keys);
        replace(all);
        return next;
    }

    /** Forgets every key but {@code current}: nothing in the store is wrapped by them any more. */
    synchronized void finishRotation(MasterKey current) {
        replace(List.of(current));
    }

    /** Forgets {@code next}, which wraps nothing: the rotation that made it failed. */
    synchronized void abortRotation(MasterKey next) {
        replace(keys.stream().filter(k -> !k.equals(next)).toList());
    }

    private void replace(List<MasterKey> all) {
        try {
            write(file, all, true);
            keys = List.copyOf(all);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the master key file " + file, e);
        }
    }

    /** Writes a sibling file, owner-only from its creation, and moves it over {@code file} in one step. */
    private static void write(Path file, List<MasterKey> all, boolean replace) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        createOwnerOnly(temporary);
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        all.forEach(k -> text.append(Base64.getEncoder().encodeToString(k.key().getEncoded())).append('\n'));
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.write(StandardCharsets.UTF_8.encode(text.toString()));
            channel.force(true);
        }
        if (replace) {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // another start made it first: theirs wins, ours wrapped nothing yet
                Files.deleteIfExists(temporary);
            }
        }
    }

    private static void createOwnerOnly(Path path) throws IOException {
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(path);
        }
    }

    private static List<MasterKey> read(Path file) throws IOException {
        List<MasterKey> all = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                all.add(MasterKey.of(decode(line.strip(), file.toString())));
            }
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("The master key file " + file + " holds no key");
        }
        return List.copyOf(all);
    }

    private static SecretKey decode(String base64, String source) {
        try {
            return Envelope.key(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " must be the base64 of a 32-byte AES-256 key", e);
        }
    }
}
