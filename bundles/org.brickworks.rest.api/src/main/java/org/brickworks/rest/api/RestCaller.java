package org.brickworks.rest.api;

import org.brickworks.security.api.dto.User;

import jakarta.servlet.ServletRequest;

/**
 * The Brickworks user a request of the {@link RestContext#NAME} context was authenticated as. The context also sets the
 * standard attributes: {@code getRemoteUser()} is the user's name, {@code getAuthType()} {@code Bearer} or
 * {@code BASIC}.
 */
public final class RestCaller {
    /** The request attribute holding the caller, a {@link User}. */
    public static final String ATTRIBUTE = "org.brickworks.rest.api.caller";

    private RestCaller() {
    }

    /** The caller of {@code request}, or null when the request did not pass through {@link RestContext#NAME}. */
    public static User of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof User user ? user : null;
    }
}
