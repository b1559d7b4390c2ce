package org.brickworks.rest.internal;

import java.util.List;
import java.util.Map;

import org.brickworks.clusters.api.ClusterService;
import org.brickworks.clusters.api.dto.Autoscale;
import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.permissions.api.ObjectRef;
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
    static final String CLUSTERS = "clusters";
    static final String CAN_ATTACH_TO = "CAN_ATTACH_TO";
    static final String CAN_RESTART = "CAN_RESTART";
    static final String CAN_MANAGE = "CAN_MANAGE";

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
    private final transient Authorization authorization;

    @Activate
    public ClusterResource(BundleContext context, RestConfig config) {
        waiting = new ServiceWait<>(context, ClusterService.class, "clusters", config);
        authorization = new Authorization(context, config);
    }

    @Deactivate
    void deactivate() {
        waiting.close();
        authorization.close();
    }

    @Override
    protected List<Route<?>> routes() {
        return List.of(Route.post("clusters/create", Spec.class, this::create),
                Route.get("clusters/get", ClusterId.class,
                        call -> ClusterDetails.of(clusters().get(checked(call, CAN_ATTACH_TO)))),
                Route.get("clusters/list", Void.class, this::list),
                Route.post("clusters/delete", ClusterId.class,
                        call -> done(() -> clusters().terminate(checked(call, CAN_RESTART)))),
                Route.post("clusters/permanent-delete", ClusterId.class, this::permanentDelete),
                Route.post("clusters/events", ClusterEvents.Request.class, call -> {
                    check(call.caller().userName(), call.params().clusterId(), CAN_ATTACH_TO);
                    return ClusterEvents.page(clusters(), call.params());
                }),
                Route.get("clusters/driver-logs", ClusterId.class, call -> new DriverLog(id(call),
                        clusters().driverLog(checked(call, CAN_ATTACH_TO), LOG_BYTES))),
                Route.get("clusters/list-node-types", Void.class, this::nodeTypes),
                Route.post("clusters/edit", Spec.class, this::edit),
                Route.post("clusters/start", ClusterId.class,
                        call -> done(() -> clusters().start(checked(call, CAN_RESTART)))),
                Route.post("clusters/restart", ClusterId.class,
                        call -> done(() -> clusters().restart(checked(call, CAN_RESTART)))),
                Route.post("clusters/pin", ClusterId.class,
                        call -> done(() -> clusters().pin(checked(call, CAN_MANAGE), true))),
                Route.post("clusters/unpin", ClusterId.class,
                        call -> done(() -> clusters().pin(checked(call, CAN_MANAGE), false))));
    }

    /** The call's cluster id, once its caller is found to hold {@code level} on the cluster. */
    private String checked(ApiCall<ClusterId> call, String level) {
        check(call.caller().userName(), id(call), level);
        return id(call);
    }

    private void check(String user, String clusterId, String level) {
        authorization.require(user, CLUSTERS, ApiParams.required(clusterId, "cluster_id"), level);
    }

    private Object permanentDelete(ApiCall<ClusterId> call) {
        clusters().permanentDelete(checked(call, CAN_MANAGE));
        authorization.permissions().forget(new ObjectRef(CLUSTERS, id(call)));
        return null;
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
        String user = call.caller().userName();
        authorization.entitled(user, "allow-cluster-create");
        checkPool(user, call.params().instancePoolId());
        return new Created(clusters().create(call.params().toSpec(), ClusterInfo.API, user));
    }

    private void checkPool(String user, String poolId) {
        if (poolId != null) {
            authorization.require(user, InstancePoolResource.POOLS, poolId, CAN_ATTACH_TO);
        }
    }

    private Object edit(ApiCall<Spec> call) {
        String clusterId = ApiParams.required(call.params().clusterId(), "cluster_id");
        check(call.caller().userName(), clusterId, CAN_MANAGE);
        checkPool(call.caller().userName(), call.params().instancePoolId());
        return done(() -> clusters().edit(clusterId, call.params().toSpec()));
    }

    private Clusters list(ApiCall<Void> call) {
        List<ClusterInfo> visible = authorization.permissions().visible(call.caller().userName(), null,
                clusters().list(), c -> new ObjectRef(CLUSTERS, c.clusterId()), ClusterInfo::creatorUserName,
                CAN_ATTACH_TO);
        return new Clusters(visible.stream().map(ClusterDetails::of).toList());
    }

    private NodeTypes nodeTypes(ApiCall<Void> call) {
        return new NodeTypes(clusters().nodeTypes().stream().map(type -> new NodeType(type.nodeTypeId(),
                type.memoryMb(), type.numCores(), 0, type.description(), type.nodeTypeId(), "General Purpose", false,
                false)).toList());
    }
}
