package org.brickworks.rest.standby.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.brickworks.core.api.Awaiting;
import org.brickworks.rest.standby.internal.PendingRoutes.Kind;
import org.brickworks.rest.standby.internal.PendingRoutes.Route;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.ListenerHook.ListenerInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.RequestInfoDTO;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.servlet.whiteboard.Preprocessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Requests wait for their route while the bundle serving it is updated. A bundle update unregisters its servlets and
 * servlet contexts and registers them again; a request in that gap would find no servlet (a 404 from the HTTP server)
 * or only a default one. This preprocessor, which the HTTP whiteboard runs before it picks a servlet, holds such a
 * request until the route serves again (at most the service wait), then lets the whiteboard pick; a request that was
 * on its way when the route went, and so was not served, is dispatched again, its body still unread. Which routes
 * went it learns from a service event hook, before the whiteboard hears of them. It lives in a bundle of its own, so
 * that it stands while the REST bundle, or any other bundle of servlets, is swapped. While no route is pending it
 * costs a volatile read and two thin wrappers per request.
 */
@Component(service = { Preprocessor.class, EventListenerHook.class })
public class RouteStandby implements Preprocessor, EventListenerHook {
    private static final Logger LOG = LoggerFactory.getLogger(RouteStandby.class);
    /** How long a route that is back may take to serve again: the whiteboard registers it in the same event. */
    private static final Duration GRACE = Duration.ofSeconds(1);
    /**
     * How long a route that an active bundle took away is waited for: a component deactivated and activated again (its
     * configuration or a static reference changed) comes back at once; one that is just gone should soon be a 404.
     */
    private static final Duration REACTIVATION = Duration.ofSeconds(5);
    /** How often a held request looks again, besides on every change of the whiteboard's services. */
    private static final long RECHECK_MILLIS = 20;
    /** How often a request goes to the whiteboard at most: a swap can meet it twice (update, then refresh). */
    private static final int ATTEMPTS = 3;
    private static final Set<String> WHITEBOARD = Set.of("jakarta.servlet.Servlet",
            "org.osgi.service.servlet.context.ServletContextHelper");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HttpServiceRuntime runtime;
    private final BundleContext context;
    private final PendingRoutes pending = new PendingRoutes(GRACE, System::nanoTime);
    private final Object changes = new Object();
    private final SynchronousBundleListener bundles = this::bundleChanged;

    @Activate
    public RouteStandby(BundleContext context) {
        this.context = context;
        context.addBundleListener(bundles);
    }

    RouteStandby(BundleContext context, HttpServiceRuntime runtime) {
        this(context);
        this.runtime = runtime;
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(bundles);
    }

    /**
     * Keeps {@link #pending} up to date with the whiteboard's servlets and contexts, and wakes held requests. A hook,
     * not a listener: the framework calls it before any listener hears the event, the HTTP whiteboard's included, so
     * that no request meets a route gone before it is known to be pending.
     */
    @Override
    public void event(ServiceEvent event, Map<BundleContext, Collection<ListenerInfo>> listeners) {
        ServiceReference<?> reference = event.getServiceReference();
        if (!(reference.getProperty(Constants.OBJECTCLASS) instanceof String[] classes)
                || Arrays.stream(classes).noneMatch(WHITEBOARD::contains)) {
            return;
        }
        if (event.getType() == ServiceEvent.UNREGISTERING) {
            // A bundle stopping for an update or refresh starts again; its routes are waited for as any service is.
            Duration patience = reference.getBundle() != null && reference.getBundle().getState() == Bundle.ACTIVE
                    ? REACTIVATION : Awaiting.DEFAULT_PATIENCE;
            routes(reference).forEach(route -> pending.removed(route, patience));
        } else if (event.getType() == ServiceEvent.REGISTERED || event.getType() == ServiceEvent.MODIFIED) {
            routes(reference).forEach(pending::added);
        }
        synchronized (changes) {
            changes.notifyAll();
        }
    }

    @Override
    public void init(FilterConfig config) {
        // nothing to set up: the component did
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse answer)) {
            chain.doFilter(request, response);
            return;
        }
        String path = path(http);
        for (int attempt = 1; attempt < ATTEMPTS; attempt++) {
            if (!pending.quiet()) {
                hold(path);
            }
            WatchedRequest watched = new WatchedRequest(http);
            UnservedResponse unserved = new UnservedResponse(answer, status -> unserved(watched, path, status));
            chain.doFilter(watched, unserved);
            if (!unserved.unserved()) {
                return;
            }
            LOG.debug("{} was not served during a swap, dispatching it again", path);
            http.removeAttribute(RequestDispatcher.ERROR_EXCEPTION);
            http.removeAttribute(RequestDispatcher.ERROR_EXCEPTION_TYPE);
            answer.reset();
        }
        hold(path);
        chain.doFilter(http, answer);
    }

    /**
     * Whether {@code status} says that the request, its body untouched, was not served because its route was being
     * swapped: the whiteboard picked a servlet that was then unregistered (500), or a pending route would serve it
     * better than what answered 404 (the default servlet, while the route's servlet or context was away).
     */
    private boolean unserved(WatchedRequest request, String path, int status) {
        if (request.bodyOpened()) {
            return false;
        }
        if (status == HttpServletResponse.SC_INTERNAL_SERVER_ERROR) {
            return UnservedResponse.metUnregistered(request);
        }
        return status == HttpServletResponse.SC_NOT_FOUND && !pending.quiet() && pending.holds(path, serving(path));
    }

    @Override
    public void destroy() {
        // nothing to release: the component does
    }

    /** Waits while a pending route would serve {@code path} better than what serves it now. */
    private void hold(String path) {
        long began = System.nanoTime();
        long deadline = began + Awaiting.DEFAULT_PATIENCE.toNanos();
        try {
            while (pending.holds(path, serving(path)) && System.nanoTime() - deadline < 0) {
                synchronized (changes) {
                    changes.wait(RECHECK_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (System.nanoTime() - began > RECHECK_MILLIS * 1_000_000) {
            LOG.debug("{} waited {} ms for its route", path, (System.nanoTime() - began) / 1_000_000);
        }
    }

    /** The patterns of what serves {@code path} now: none while nothing does, or the whiteboard is away. */
    private String[] serving(String path) {
        HttpServiceRuntime current = runtime;
        RequestInfoDTO info = current == null ? null : current.calculateRequestInfoDTO(path);
        if (info == null) {
            return new String[0];
        }
        return info.servletDTO != null ? info.servletDTO.patterns
                : info.resourceDTO != null ? info.resourceDTO.patterns : new String[0];
    }

    /** The path the whiteboard picks a servlet by: decoded, without the query. */
    private static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        return request.getPathInfo() == null ? servletPath : servletPath + request.getPathInfo();
    }

    private void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.STARTED) {
            pending.started(event.getBundle().getBundleId());
        } else if (event.getType() == BundleEvent.UNINSTALLED) {
            pending.uninstalled(event.getBundle().getBundleId());
        }
    }

    /** The routes of a servlet (its patterns) or a servlet context (its path) of the whiteboard. */
    private static List<Route> routes(ServiceReference<?> reference) {
        long bundle = reference.getBundle() == null ? -1 : reference.getBundle().getBundleId();
        Object contextPath = reference.getProperty(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_PATH);
        Object contextName = reference.getProperty(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME);
        if (contextName instanceof String name && contextPath instanceof String path) {
            return List.of(new Route(Kind.CONTEXT, name, path, bundle));
        }
        Object patterns = reference.getProperty(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN);
        List<?> values = patterns instanceof String pattern ? List.of(pattern)
                : patterns instanceof String[] array ? List.of(array)
                        : patterns instanceof Collection<?> collection ? List.copyOf(collection) : List.of();
        return values.stream().map(value -> new Route(Kind.PATTERN, null, String.valueOf(value), bundle)).toList();
    }
}
