package org.brickworks.agent.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks the {@code Authorization: Bearer <secret>} header against the per-cluster secret in constant time, so response
 * timing tells nothing about the secret. Thread-safe.
 */
public final class BearerAuthenticator {

    private static final String PREFIX = "Bearer ";

    private final byte[] expected;

    public BearerAuthenticator(String secret) {
        this.expected = (PREFIX + secret).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the header value, possibly null, carries the secret. */
    public boolean accepts(String authorization) {
        byte[] presented = (authorization == null ? "" : authorization).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, presented);
    }
}
