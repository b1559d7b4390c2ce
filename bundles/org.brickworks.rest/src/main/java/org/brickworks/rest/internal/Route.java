package org.brickworks.rest.internal;

/**
 * One REST endpoint: HTTP method and path below the API version ({@code token/list} answers {@code /api/2.0/token/list}
 * and {@code /api/2.1/token/list}), whether it needs a token, and whether its handler reads the body itself
 * ({@link ApiRequest#body()}) instead of getting it parsed.
 */
record Route(String method, String path, boolean authenticated, boolean streamed, Handler handler) {

    @FunctionalInterface
    interface Handler {
        Object handle(ApiRequest request) throws Exception;
    }

    static Route get(String path, Handler handler) {
        return new Route("GET", path, true, false, handler);
    }

    static Route post(String path, Handler handler) {
        return new Route("POST", path, true, false, handler);
    }

    /** A POST whose handler parses the body as it arrives: large uploads never held whole as a JSON tree. */
    static Route postStreamed(String path, Handler handler) {
        return new Route("POST", path, true, true, handler);
    }

    Route open() {
        return new Route(method, path, false, streamed, handler);
    }

    String key() {
        return method + " " + path;
    }
}
