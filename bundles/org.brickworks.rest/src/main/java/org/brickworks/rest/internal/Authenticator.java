package org.brickworks.rest.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.security.api.TokenService;
import org.brickworks.security.api.dto.User;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Finds the caller of a request from its personal access token: {@code Authorization: Bearer <token>}, or HTTP Basic
 * with the token as password (user {@code token} or the owner), as Databricks accepts.
 */
final class Authenticator {
    static final String BEARER = "Bearer";

    private final Supplier<TokenService> tokens;

    Authenticator(Supplier<TokenService> tokens) {
        this.tokens = tokens;
    }

    /** Who called, and how: {@code scheme} is {@link #BEARER} or {@link HttpServletRequest#BASIC_AUTH}. */
    record Login(User user, String scheme) {
    }

    /** @throws BrickworksException {@code UNAUTHENTICATED} when the request carries no valid token */
    Login authenticate(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            throw BrickworksException.unauthenticated(
                    "Missing Authorization header: send 'Authorization: Bearer <personal access token>'");
        }
        if (startsWithIgnoreCase(header, "Bearer ")) {
            return new Login(tokens.get().authenticate(header.substring(7).trim()), BEARER);
        }
        if (startsWithIgnoreCase(header, "Basic ")) {
            return new Login(basic(header.substring(6).trim()), HttpServletRequest.BASIC_AUTH);
        }
        throw BrickworksException
                .unauthenticated("Unsupported Authorization scheme: use Bearer <personal access token>");
    }

    private User basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw BrickworksException.unauthenticated("Malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw BrickworksException.unauthenticated("Malformed Basic credentials");
        }
        String userName = decoded.substring(0, colon);
        User user = tokens.get().authenticate(decoded.substring(colon + 1));
        if (!userName.equals("token") && !userName.equals(user.userName())) {
            throw BrickworksException.unauthenticated("The access token does not belong to user " + userName);
        }
        return user;
    }

    private static boolean startsWithIgnoreCase(String value, String prefix) {
        return value.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
