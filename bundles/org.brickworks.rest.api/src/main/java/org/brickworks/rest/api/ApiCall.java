package org.brickworks.rest.api;

import java.io.InputStream;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.security.api.dto.User;

/**
 * One call of a {@link Route}.
 *
 * @param params
 *            the bound parameters; null for {@code Void} routes, streamed routes and forms
 * @param caller
 *            who called: set in the {@link RestContext#NAME} context, null in the open one
 * @param bearerToken
 *            the request's {@code Authorization: Bearer} token, for open routes that check it themselves; null when
 *            there is none
 * @param body
 *            the unread body of a streamed route or a form; null otherwise
 * @param contentType
 *            the request's {@code Content-Type}, with a form's boundary
 */
public record ApiCall<T>(T params, User caller, String bearerToken, InputStream body, String contentType) {

    /** The bearer token of an open route's call, which the route checks itself. */
    public String requiredBearerToken() {
        if (bearerToken == null || bearerToken.isBlank()) {
            throw BrickworksException
                    .unauthenticated("Missing Authorization header: send 'Authorization: Bearer <token>'");
        }
        return bearerToken;
    }
}
