package org.brickworks.rest.internal;

import java.util.List;

import org.brickworks.rest.api.ApiCall;
import org.brickworks.rest.api.ApiServlet;
import org.brickworks.rest.api.RestContext;
import org.brickworks.rest.api.Route;
import org.brickworks.runtimes.api.RuntimeRegistry;
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

/**
 * Clusters API 2.0 {@code spark-versions}: the runtime versions the installed runtime plugins offer. Its own servlet
 * (an exact pattern, served before the clusters resource's prefix), so that it follows the runtimes, not the clusters.
 */
@Component(service = Servlet.class, configurationPid = RestConfig.PID)
@HttpWhiteboardContextSelect(RestContext.SELECT)
@HttpWhiteboardServletPattern({ "/api/2.0/clusters/spark-versions", "/api/2.1/clusters/spark-versions",
        "/api/2.2/clusters/spark-versions" })
public class RuntimeResource extends ApiServlet {
    private static final long serialVersionUID = 1L;

    record Versions(List<Version> versions) {
    }

    record Version(String key, String name) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RuntimeRegistry runtimes;
    private final transient ServiceWait<RuntimeRegistry> waiting;

    @Activate
    public RuntimeResource(BundleContext context, RestConfig config) {
        waiting = new ServiceWait<>(context, RuntimeRegistry.class, "runtimes", config);
    }

    RuntimeResource(RuntimeRegistry runtimes) {
        waiting = ServiceWait.none("runtimes");
        this.runtimes = runtimes;
    }

    @Deactivate
    void deactivate() {
        waiting.close();
    }

    @Override
    protected List<Route<?>> routes() {
        return List.of(Route.get("clusters/spark-versions", Void.class, this::sparkVersions));
    }

    private Versions sparkVersions(ApiCall<Void> call) {
        return new Versions(waiting.get(runtimes).list().stream()
                .map(runtime -> new Version(runtime.key(), runtime.name())).toList());
    }
}
