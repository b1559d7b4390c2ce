package org.brickworks.agent.connect;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a Spark Connect bearer token may attach to this driver: the per-cluster secret always may (compared
 * in constant time), and so may a live execution context's token ({@link ContextTokens}); any other token may when an
 * HTTP GET of the auth URL with {@code Authorization: Bearer <token>} answers 200 (the platform passes its SCIM
 * {@code Me} URL, so a user's personal access token works). Accepted tokens are remembered by their SHA-256 for the
 * cache period; tokens themselves are never stored nor logged. Thread-safe.
 */
final class ConnectTokenVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectTokenVerifier.class);
    private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(10);
    /** Beyond this many cached tokens, expired entries are dropped before adding another. */
    private static final int CACHE_PRUNE_SIZE = 1024;

    private final byte[] secret;
    private final Optional<URI> authUrl;
    private final HttpClient http;
    private final long cacheNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Long> acceptedUntil = new ConcurrentHashMap<>();

    /**
     * @param secret
     *            the per-cluster secret
     * @param authUrl
     *            where to check other tokens, if anywhere
     * @param cacheFor
     *            how long an accepted token stays accepted without asking the auth URL again
     * @param nanoTime
     *            the monotonic clock ({@code System::nanoTime} outside tests)
     */
    ConnectTokenVerifier(String secret, Optional<URI> authUrl, Duration cacheFor, LongSupplier nanoTime) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.authUrl = authUrl;
        this.http = HttpClient.newBuilder().connectTimeout(AUTH_TIMEOUT).build();
        this.cacheNanos = cacheFor.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Whether the token (without its {@code Bearer } prefix) may attach; may block on the auth URL. */
    boolean accepts(String token) {
        if (token == null || token.isBlank()) {
            return false;
        }
        if (MessageDigest.isEqual(secret, token.getBytes(StandardCharsets.UTF_8)) || ContextTokens.live(token)) {
            return true;
        }
        if (authUrl.isEmpty()) {
            return false;
        }
        String digest = sha256(token);
        Long until = acceptedUntil.get(digest);
        long now = nanoTime.getAsLong();
        if (until != null && now - until < 0) {
            return true;
        }
        if (!acceptedByAuthUrl(authUrl.get(), token)) {
            acceptedUntil.remove(digest);
            return false;
        }
        if (acceptedUntil.size() >= CACHE_PRUNE_SIZE) {
            acceptedUntil.values().removeIf(expiry -> now - expiry >= 0);
        }
        acceptedUntil.put(digest, now + cacheNanos);
        return true;
    }

    private boolean acceptedByAuthUrl(URI url, String token) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(AUTH_TIMEOUT)
                .header("Authorization", "Bearer " + token).GET().build();
        try {
            int status = http.send(request, BodyHandlers.discarding()).statusCode();
            LOG.debug("The auth URL {} answered {} for a Spark Connect token", url, status);
            return status == 200;
        } catch (IOException e) {
            LOG.warn("Could not verify a Spark Connect token at {}: {}", url, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String sha256(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
