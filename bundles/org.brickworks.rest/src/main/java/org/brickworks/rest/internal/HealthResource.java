package org.brickworks.rest.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.brickworks.core.api.PlatformInfo;
import org.brickworks.rest.api.ApiCall;
import org.brickworks.rest.api.ApiServlet;
import org.brickworks.rest.api.RestContext;
import org.brickworks.rest.api.Route;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;

/** The health check, open without a token: {@code {"status": "OK", "version", "uptime_seconds"}}. */
@Component(service = Servlet.class, configurationPid = RestConfig.PID)
@HttpWhiteboardContextSelect(RestContext.OPEN_SELECT)
@HttpWhiteboardServletPattern({ "/api/2.0/health", "/api/2.1/health", "/api/2.2/health" })
public class HealthResource extends ApiServlet {
    private static final long serialVersionUID = 1L;

    record Health(String status, String version, long uptimeSeconds) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PlatformInfo platform;
    private final transient ServiceWait<PlatformInfo> waiting;

    @Activate
    public HealthResource(BundleContext context, RestConfig config) {
        waiting = new ServiceWait<>(context, PlatformInfo.class, "platform", config);
    }

    HealthResource(PlatformInfo platform) {
        waiting = ServiceWait.none("platform");
        this.platform = platform;
    }

    @Deactivate
    void deactivate() {
        waiting.close();
    }

    @Override
    protected List<Route<?>> routes() {
        return List.of(Route.get("health", Void.class, this::health));
    }

    private Health health(ApiCall<Void> call) {
        PlatformInfo info = waiting.get(platform);
        return new Health("OK", info.version(), Duration.between(info.startedAt(), Instant.now()).toSeconds());
    }
}
