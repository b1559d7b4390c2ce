package org.brickworks.rest.api;

/**
 * The names of Brickworks' servlet contexts, both at {@code /}, and the {@code osgi.http.whiteboard.context.select}
 * filters that choose them. A servlet registered with {@code osgi.http.whiteboard.servlet.pattern=/api/2.0/acme/*}
 * and {@code osgi.http.whiteboard.context.select=}{@link #SELECT} answers only authenticated requests.
 */
public final class RestContext {
    /**
     * The context that authenticates: a request without a valid personal access token ({@code Authorization: Bearer
     * <token>}, or HTTP Basic with the token as password) is answered {@code 401 UNAUTHENTICATED} before any servlet
     * of it runs. Servlets see the caller through {@code getRemoteUser()} and {@link RestCaller}.
     */
    public static final String NAME = "brickworks";
    /**
     * The context of routes open without a token: the health check, and calls that authenticate themselves (drivers
     * calling back with their cluster's secret).
     */
    public static final String OPEN_NAME = "brickworks.open";
    /** The context selection of a servlet in {@link #NAME}. */
    public static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";
    /** The context selection of a servlet in {@link #OPEN_NAME}. */
    public static final String OPEN_SELECT = "(osgi.http.whiteboard.context.name=" + OPEN_NAME + ")";

    private RestContext() {
    }
}
