package org.brickworks.rest.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A request's path below {@code /api/<version>/}, read from the raw, still encoded URI: an encoded {@code ..},
 * {@code /} or {@code %} can never name an endpoint, and such paths are refused as malformed, wherever the HTTP
 * server routed them.
 */
final class ApiPath {
    private static final Pattern API_PATH = Pattern.compile("/api/(\\d+\\.\\d+)/(.+)");
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    private ApiPath() {
    }

    /**
     * The path below the version, {@code token/list} for {@code /api/2.0/token/list}; null when the request's path is
     * not of that form (no route can match it).
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code MALFORMED_REQUEST} for encoded or relative segments
     */
    static String of(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (uri.contains("%") || uri.contains("..")) {
            throw ApiError.malformed("Invalid path " + uri + ": encoded or relative segments are not allowed");
        }
        Matcher matcher = API_PATH.matcher(uri.substring(request.getContextPath().length()));
        return matcher.matches() && SAFE_PATH.matcher(matcher.group(2)).matches() ? matcher.group(2) : null;
    }
}
