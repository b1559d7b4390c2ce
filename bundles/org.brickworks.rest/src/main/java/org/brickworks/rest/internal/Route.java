package org.brickworks.rest.internal;

/**
 * One REST endpoint: HTTP method and path below the API version ({@code token/list} answers {@code /api/2.0/token/list}
 * and {@code /api/2.1/token/list}), whether it needs a token, and whether its handler reads the body itself
 * ({@link ApiRequest#body()}) instead of getting it parsed; and, for a POST that also takes {@code multipart/form-data}
 * bodies, the handler that reads those as they arrive ({@code form}, else null).
 */
record Route(String method, String path, boolean authenticated, boolean streamed, Handler handler, Handler form) {

    @FunctionalInterface
    interface Handler {
        Object handle(ApiRequest request) throws Exception;
    }

    static Route get(String path, Handler handler) {
        return new Route("GET", path, true, false, handler, null);
    }

    static Route post(String path, Handler handler) {
        return new Route("POST", path, true, false, handler, null);
    }

    /** A POST whose handler reads the body itself, bounded by the body limit: never parsed into a JSON tree. */
    static Route postStreamed(String path, Handler handler) {
        return new Route("POST", path, true, true, handler, null);
    }

    Route open() {
        return new Route(method, path, false, streamed, handler, form);
    }

    /** This route, taking {@code multipart/form-data} bodies too, which {@code form} reads as they arrive. */
    Route withForm(Handler form) {
        return new Route(method, path, authenticated, streamed, handler, form);
    }

    String key() {
        return method + " " + path;
    }
}
