package org.brickworks.rest.internal;

/**
 * One REST endpoint: HTTP method and path below the API version ({@code token/list} answers {@code /api/2.0/token/list}
 * and {@code /api/2.1/token/list}), and whether it needs a token.
 */
record Route(String method, String path, boolean authenticated, Handler handler) {

    @FunctionalInterface
    interface Handler {
        Object handle(ApiRequest request) throws Exception;
    }

    static Route get(String path, Handler handler) {
        return new Route("GET", path, true, handler);
    }

    static Route post(String path, Handler handler) {
        return new Route("POST", path, true, handler);
    }

    Route open() {
        return new Route(method, path, false, handler);
    }

    String key() {
        return method + " " + path;
    }
}
