package org.brickworks.rest.api;

/**
 * One endpoint of an {@link ApiServlet}: its HTTP method and its path below the version prefix ({@code token/list}
 * answers {@code /api/2.0/token/list} and {@code /api/2.1/token/list}, each prefix the servlet is registered for), the
 * record its parameters bind to, and its handler.
 *
 * @param params
 *            the type the parameters bind to, with Jackson: a POST's JSON body or a GET's query string, names in
 *            snake_case unless the type says otherwise ({@code @JsonNaming}); {@code Void.class} for none
 * @param streamed
 *            whether the handler reads the body itself ({@link ApiCall#body()}, bounded by the body limit) instead of
 *            getting it bound
 * @param form
 *            for a POST that also takes {@code multipart/form-data}, the handler reading such a body as it arrives
 *            (not bounded by the body limit: it limits what it takes); null when the route takes no forms
 */
public record Route<T>(String method, String path, Class<T> params, boolean streamed, Handler<T> handler,
        Handler<Void> form) {

    /**
     * What a route does with a call. Its answer is sent with status 200: a record or other value serialised as JSON
     * (null: {@code {}}), a {@link Download} as it is, or {@link JsonParts} already serialised. A
     * {@link org.brickworks.core.api.BrickworksException} is answered with its code's status and
     * {@code {"error_code", "message"}}; any other exception is an internal error, logged.
     */
    @FunctionalInterface
    public interface Handler<T> {
        Object handle(ApiCall<T> call) throws Exception;
    }

    public static <T> Route<T> get(String path, Class<T> params, Handler<T> handler) {
        return new Route<>("GET", path, params, false, handler, null);
    }

    public static <T> Route<T> post(String path, Class<T> params, Handler<T> handler) {
        return new Route<>("POST", path, params, false, handler, null);
    }

    /** A POST whose handler reads the body itself, never parsed: a large upload decoded as it arrives. */
    public static Route<Void> postStreamed(String path, Handler<Void> handler) {
        return new Route<>("POST", path, Void.class, true, handler, null);
    }

    /** This route, taking {@code multipart/form-data} bodies too, which {@code formHandler} reads. */
    public Route<T> withForm(Handler<Void> formHandler) {
        return new Route<>(method, path, params, streamed, handler, formHandler);
    }
}
