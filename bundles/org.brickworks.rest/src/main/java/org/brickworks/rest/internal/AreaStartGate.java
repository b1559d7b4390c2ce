package org.brickworks.rest.internal;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.brickworks.rest.api.RestContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the areas once the REST API answers. The framework first starts up to the REST API's start level
 * ({@code osgi.startLevel}: store, security, REST); this component raises it to {@value #FINAL_LEVEL} (the areas, the
 * shell, the health checks) when every required route is bound in the {@value RestContext#NAME} context, so that the
 * areas' bundles do not take the two cores from Jetty and the REST API while the first calls come (docs/start.md).
 * A call to an area in between waits for the area's service, as at any other time. If the routes are not bound within
 * {@value #PATIENCE_SECONDS} s (no HTTP port, say), or this component goes away first, the areas start all the same.
 * Without {@value #FINAL_LEVEL} (a test framework, a hand-made launch) it does nothing. Once raised, the level stays:
 * a later update of this bundle changes nothing.
 */
@Component
public class AreaStartGate {
    /** Framework property: the start level of a started platform. */
    static final String FINAL_LEVEL = "brickworks.startLevel";
    static final int PATIENCE_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(AreaStartGate.class);

    private final FrameworkStartLevel framework;
    private final int finalLevel;
    private boolean open;

    @Activate
    public AreaStartGate(BundleContext context) {
        framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkStartLevel.class);
        String configured = context.getProperty(FINAL_LEVEL);
        finalLevel = configured == null ? 0 : Integer.parseInt(configured.trim());
        if (finalLevel > framework.getStartLevel()) {
            CompletableFuture.delayedExecutor(PATIENCE_SECONDS, TimeUnit.SECONDS)
                    .execute(() -> open("the REST routes were not all bound within " + PATIENCE_SECONDS + " s"));
        } else {
            open = true;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, updated = "runtimeChanged")
    void bindRuntime(HttpServiceRuntime runtime) {
        runtimeChanged(runtime);
    }

    /**
     * Called as the runtime's {@code service.changecount} moves (a servlet was bound or unbound; the platform sets
     * {@code org.apache.felix.http.whiteboard.changecount.delay=0}, so at once). The routes are looked at on another
     * thread: this one is Felix HTTP's, in the middle of a registration.
     */
    void runtimeChanged(HttpServiceRuntime runtime) {
        if (!isOpen()) {
            CompletableFuture.runAsync(() -> check(runtime));
        }
    }

    /** Raises the level if every required route is bound in {@code runtime}. */
    void check(HttpServiceRuntime runtime) {
        if (routesBound(RoutesHealthCheck.boundPatterns(runtime.getRuntimeDTO(), RestContext.NAME))) {
            open("every REST route is bound");
        }
    }

    /** Required of a dynamic reference; nothing to do: the level is raised once, by the routes or the patience. */
    void unbindRuntime(HttpServiceRuntime runtime) {
        // nothing
    }

    @Deactivate
    void close() {
        open("the REST API stopped before its routes were bound");
    }

    /** True when every required area's route pattern is among {@code bound}. */
    static boolean routesBound(Set<String> bound) {
        return RoutesHealthCheck.REQUIRED.stream().allMatch(area -> bound.contains(area.pattern()));
    }

    private synchronized boolean isOpen() {
        return open;
    }

    private synchronized void open(String why) {
        if (open) {
            return;
        }
        open = true;
        if (framework.getStartLevel() < finalLevel) {
            LOG.info("Starting the areas (start level {}): {}", finalLevel, why);
            framework.setStartLevel(finalLevel);
        }
    }
}
