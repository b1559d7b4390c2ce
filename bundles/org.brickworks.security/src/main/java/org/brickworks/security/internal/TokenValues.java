package org.brickworks.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Token values in Databricks' shape ({@code dapi} + 32 hex digits, 128 random bits) and their hashes. A fast hash is
 * right here: values are random, not passwords people chose.
 */
final class TokenValues {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private TokenValues() {
    }

    static String newValue() {
        return "dapi" + randomHex(16);
    }

    static String newId() {
        return randomHex(32);
    }

    static String hash(String value) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HEX.formatHex(random);
    }
}
