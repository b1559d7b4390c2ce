package org.brickworks.rest.api;

import java.io.IOException;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What serves an {@link ApiServlet}'s requests: the Brickworks servlet contexts hand it to their servlets in the
 * request attribute {@link #ATTRIBUTE}, so that dispatch, binding, error mapping and limits are those of the running
 * {@code org.brickworks.rest} bundle, updated with it, while the servlets stay registered.
 */
@ProviderType
public interface ApiDispatcher {
    /** The request attribute holding the dispatcher of the context a request came through. */
    String ATTRIBUTE = "org.brickworks.rest.api.dispatcher";

    /**
     * Answers {@code request} with the route of {@code routes} its method and path name, after the version prefix
     * ({@code /api/2.0/}): binds its parameters, calls its handler and sends the answer, or an error as
     * {@code {"error_code", "message"}}: {@code ENDPOINT_NOT_FOUND} when no route matches,
     * {@code MALFORMED_REQUEST} for encoded or relative path segments and bodies that are no JSON object,
     * {@code INVALID_PARAMETER_VALUE} naming the field that does not bind, {@code REQUEST_LIMIT_EXCEEDED} for a body
     * over the configured limit. Thread-safe.
     */
    void dispatch(List<Route<?>> routes, HttpServletRequest request, HttpServletResponse response)
            throws IOException;
}
