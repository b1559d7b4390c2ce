package org.brickworks.agent.connect;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spark Connect credentials of execution contexts: a Python kernel's {@code spark} session attaches with a token of its
 * own context, never the cluster's secret, which would also open the agent's API and the platform's call-backs to any
 * code of the cell. A token is valid while its context's kernel runs. Thread-safe.
 */
public final class ContextTokens {
    /** What a context token starts with, so that logs and errors can tell it from a personal access token. */
    static final String PREFIX = "ctx-";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

    private ContextTokens() {
    }

    /** A new token that Spark Connect accepts until it is {@linkplain #revoke revoked}. */
    public static String issue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = PREFIX + HexFormat.of().formatHex(bytes);
        LIVE.add(token);
        return token;
    }

    /** Spark Connect refuses the token from now on; null is fine. */
    public static void revoke(String token) {
        if (token != null) {
            LIVE.remove(token);
        }
    }

    static boolean live(String token) {
        return LIVE.contains(token);
    }
}
