package org.brickworks.security.internal;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes with Argon2id (Bouncy Castle), in the PHC string format {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}
 * so that a hash names its own parameters and stronger ones can come later. Parameters are OWASP's minimum for
 * Argon2id: 19 MiB, 2 passes, 1 lane (about 50 ms a hash on a small machine). Thread-safe.
 */
final class Passwords {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int HASH_BYTES = 32;
    /** Verified against when a user is unknown, so that the answer takes as long as for a known one. */
    private static final String DUMMY = hash("not a password of anyone".toCharArray());

    private Passwords() {
    }

    static String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = argon2(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt)
                + "$" + B64.encodeToString(hash);
    }

    /** Whether {@code password} matches {@code stored}; a null or malformed hash matches nothing (after as long). */
    static boolean verify(char[] password, String stored) {
        String[] parts = (stored == null ? DUMMY : stored).split("\\$");
        if (parts.length != 6 || !parts[1].equals("argon2id")) {
            verify(password, DUMMY);
            return false;
        }
        try {
            int m = 0, t = 0, p = 0;
            for (String setting : parts[3].split(",")) {
                int value = Integer.parseInt(setting.substring(2));
                switch (setting.charAt(0)) {
                case 'm' -> m = value;
                case 't' -> t = value;
                case 'p' -> p = value;
                default -> throw new IllegalArgumentException(setting);
                }
            }
            byte[] expected = B64D.decode(parts[5]);
            byte[] actual = argon2(password, B64D.decode(parts[4]), m, t, p, expected.length);
            return MessageDigest.isEqual(expected, actual) && stored != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] argon2(char[] password, byte[] salt, int memoryKib, int iterations, int parallelism,
            int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism)
                .build());
        byte[] bytes = utf8(password);
        try {
            byte[] hash = new byte[length];
            generator.generateBytes(bytes, hash);
            return hash;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static byte[] utf8(char[] password) {
        var buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        Arrays.fill(buffer.array(), (byte) 0);
        return bytes;
    }
}
