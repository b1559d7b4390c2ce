package org.brickworks.rest.internal;

import java.util.List;
import java.util.Map;

import org.brickworks.clusters.api.ClusterService;
import org.brickworks.clusters.api.dto.Autoscale;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.rest.api.ApiCall;
import org.brickworks.rest.api.ApiParams;
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

/**
 * Clusters API 2.0: create, edit, start, restart, get, list, delete (terminate), permanent-delete, pin, unpin, events
 * ({@link ClusterEvents}) and list-node-types, in Databricks' JSON shapes; and Brickworks' own {@code driver-logs},
 * the end of a cluster's driver log.
 */
@Component(service = Servlet.class, configurationPid = RestConfig.PID)
@HttpWhiteboardContextSelect(RestContext.SELECT)
@HttpWhiteboardServletPattern({ "/api/2.0/clusters/*", "/api/2.1/clusters/*", "/api/2.2/clusters/*" })
public class ClusterResource extends ApiServlet {
    private static final long serialVersionUID = 1L;
    /** The window of {@code driver-logs}: the end of the log, as much as a browser or terminal shows at once. */
    private static final int LOG_BYTES = 1 << 20;

    record ClusterId(String clusterId) {
        ClusterId {
            ApiParams.required(clusterId, "cluster_id");
        }
    }

    /** {@code create} and {@code edit} ({@code cluster_id} is {@code edit}'s). */
    record Spec(String clusterId, String clusterName, String sparkVersion, String nodeTypeId, int numWorkers,
            Map<String, String> sparkConf, Map<String, String> sparkEnvVars, int autoterminationMinutes,
            Map<String, String> customTags, WorkerRange autoscale, String instancePoolId) {
        Spec {
            ApiParams.required(clusterName, "cluster_name");
            ApiParams.required(sparkVersion, "spark_version");
        }

        ClusterSpec toSpec() {
            return new ClusterSpec(clusterName, sparkVersion, nodeTypeId, numWorkers, sparkConf, sparkEnvVars,
                    autoterminationMinutes, customTags,
                    autoscale == null ? null : new Autoscale(autoscale.minWorkers, autoscale.maxWorkers),
                    instancePoolId);
        }
    }

    record WorkerRange(int minWorkers, int maxWorkers) {
        WorkerRange {
            if (minWorkers < 0 || maxWorkers < Math.max(1, minWorkers)) {
                throw BrickworksException.invalidParameter("autoscale needs 0 <= min_workers <= max_workers and"
                        + " max_workers >= 1, got " + minWorkers + " and " + maxWorkers);
            }
        }
    }

    record Created(String clusterId) {
    }

    record Clusters(List<ClusterDetails> clusters) {
    }

    record NodeTypes(List<NodeType> nodeTypes) {
    }

    record NodeType(String nodeTypeId, int memoryMb, int numCores, int numGpus, String description,
            String instanceTypeId, String category, boolean isDeprecated, boolean isHidden) {
    }

    record DriverLog(String clusterId, String log) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ClusterService clusters;
    private final transient ServiceWait<ClusterService> waiting;

    @Activate
    public ClusterResource(BundleContext context, RestConfig config) {
        waiting = new ServiceWait<>(context, ClusterService.class, "clusters", config);
    }

    @Deactivate
    void deactivate() {
        waiting.close();
    }

    @Override
    protected List<Route<?>> routes() {
        return List.of(Route.post("clusters/create", Spec.class, this::create),
                Route.get("clusters/get", ClusterId.class, call -> ClusterDetails.of(clusters().get(id(call)))),
                Route.get("clusters/list", Void.class, this::list),
                Route.post("clusters/delete", ClusterId.class, call -> done(() -> clusters().terminate(id(call)))),
                Route.post("clusters/permanent-delete", ClusterId.class,
                        call -> done(() -> clusters().permanentDelete(id(call)))),
                Route.post("clusters/events", ClusterEvents.Request.class,
                        call -> ClusterEvents.page(clusters(), call.params())),
                Route.get("clusters/driver-logs", ClusterId.class,
                        call -> new DriverLog(id(call), clusters().driverLog(id(call), LOG_BYTES))),
                Route.get("clusters/list-node-types", Void.class, this::nodeTypes),
                Route.post("clusters/edit", Spec.class, this::edit),
                Route.post("clusters/start", ClusterId.class, call -> done(() -> clusters().start(id(call)))),
                Route.post("clusters/restart", ClusterId.class, call -> done(() -> clusters().restart(id(call)))),
                Route.post("clusters/pin", ClusterId.class, call -> done(() -> clusters().pin(id(call), true))),
                Route.post("clusters/unpin", ClusterId.class, call -> done(() -> clusters().pin(id(call), false))));
    }

    private ClusterService clusters() {
        return waiting.get(clusters);
    }

    private static String id(ApiCall<ClusterId> call) {
        return call.params().clusterId();
    }

    /** Runs {@code action}, answering {@code {}}. */
    private static Object done(Runnable action) {
        action.run();
        return null;
    }

    private Created create(ApiCall<Spec> call) {
        return new Created(clusters().create(call.params().toSpec()));
    }

    private Object edit(ApiCall<Spec> call) {
        String clusterId = ApiParams.required(call.params().clusterId(), "cluster_id");
        return done(() -> clusters().edit(clusterId, call.params().toSpec()));
    }

    private Clusters list(ApiCall<Void> call) {
        return new Clusters(clusters().list().stream().map(ClusterDetails::of).toList());
    }

    private NodeTypes nodeTypes(ApiCall<Void> call) {
        return new NodeTypes(clusters().nodeTypes().stream().map(type -> new NodeType(type.nodeTypeId(),
                type.memoryMb(), type.numCores(), 0, type.description(), type.nodeTypeId(), "General Purpose", false,
                false)).toList());
    }
}
