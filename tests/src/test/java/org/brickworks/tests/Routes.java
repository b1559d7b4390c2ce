package org.brickworks.tests;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.brickworks.rest.api.ApiServlet;
import org.brickworks.rest.api.RestContext;
import org.brickworks.rest.api.Route;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every route of the {@code brickworks} servlet context, read from the framework: each route of each
 * {@link ApiServlet} (under its servlet's first pattern's version prefix), and every method on each other servlet's
 * pattern (its {@code *} replaced by {@code x}). Plugins' servlets are there as they register.
 */
final class Routes {
    /** The route of the plugin servlet {@link #registerPlugin} registers. */
    static final String PLUGIN_ROUTE = "/api/2.0/acme/x";
    private static final String[] METHODS = { "GET", "POST", "PUT", "PATCH", "DELETE" };

    private Routes() {
    }

    /** A plugin's route, as a third party's bundle registers one: it answers 200 to anything. */
    static final class PluginServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) {
            response.setStatus(200);
        }
    }

    /** Registers a {@link PluginServlet} at {@code /api/2.0/acme/*} in the {@code brickworks} context. */
    static ServiceRegistration<Servlet> registerPlugin(BundleContext context) {
        return context.registerService(Servlet.class, new PluginServlet(),
                new Hashtable<>(Map.of(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, "/api/2.0/acme/*",
                        HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT, RestContext.SELECT)));
    }

    /**
     * One route.
     *
     * @param method
     *            the HTTP method
     * @param path
     *            the full path, {@code /api/2.0/clusters/get}
     * @param params
     *            what an {@link ApiServlet} route binds its parameters to ({@code Void.class} for none), null for a
     *            plain servlet
     * @param streamed
     *            whether the route reads its body itself
     * @param pattern
     *            for a plain servlet, its pattern ({@code /api/2.0/preview/scim/v2/*}); null for an {@link ApiServlet}
     *            route
     */
    record Endpoint(String method, String path, Class<?> params, boolean streamed, String pattern) {
        boolean api() {
            return pattern == null;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Endpoint> of(BundleContext context) throws Exception {
        List<Endpoint> routes = new ArrayList<>();
        Method declared = ApiServlet.class.getDeclaredMethod("routes");
        declared.setAccessible(true);
        for (ServiceReference<Servlet> reference : context.getServiceReferences(Servlet.class, null)) {
            if (!RestContext.SELECT
                    .equals(reference.getProperty(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT))) {
                continue;
            }
            Object patterns = reference.getProperty(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN);
            String pattern = patterns instanceof String[] list ? list[0] : String.valueOf(patterns);
            Servlet servlet = context.getService(reference);
            try {
                if (servlet instanceof ApiServlet api) {
                    String prefix = pattern.substring(0, pattern.indexOf('/', "/api/".length()) + 1);
                    for (Object route : (List<?>) declared.invoke(api)) {
                        Route<?> r = (Route<?>) route;
                        routes.add(new Endpoint(r.method(), prefix + r.path(), r.params(), r.streamed(), null));
                    }
                } else {
                    for (String method : METHODS) {
                        routes.add(new Endpoint(method, pattern.replace("*", "x"), null, true, pattern));
                    }
                }
            } finally {
                context.ungetService(reference);
            }
        }
        return routes;
    }
}
