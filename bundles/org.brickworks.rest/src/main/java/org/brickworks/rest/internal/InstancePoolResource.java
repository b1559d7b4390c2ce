package org.brickworks.rest.internal;

import java.util.List;

import org.brickworks.clusters.api.InstancePoolService;
import org.brickworks.clusters.api.dto.InstancePool;
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

/** Instance Pools API 2.0: create, get, list, delete, in Databricks' JSON shapes. */
@Component(service = Servlet.class, configurationPid = RestConfig.PID)
@HttpWhiteboardContextSelect(RestContext.SELECT)
@HttpWhiteboardServletPattern({ "/api/2.0/instance-pools/*", "/api/2.1/instance-pools/*",
        "/api/2.2/instance-pools/*" })
public class InstancePoolResource extends ApiServlet {
    private static final long serialVersionUID = 1L;
    static final String POOLS = "instance-pools";

    record PoolId(String instancePoolId) {
        PoolId {
            ApiParams.required(instancePoolId, "instance_pool_id");
        }
    }

    record Create(String instancePoolName, String nodeTypeId, int minIdleInstances, int maxCapacity,
            List<String> preloadedSparkVersions) {
        Create {
            ApiParams.required(instancePoolName, "instance_pool_name");
            ApiParams.required(nodeTypeId, "node_type_id");
            count("min_idle_instances", minIdleInstances);
            count("max_capacity", maxCapacity);
        }

        private static void count(String field, int value) {
            if (value < 0 || value > 10_000) {
                throw BrickworksException.invalidParameter(field + " must be between 0 and 10000, got " + value);
            }
        }
    }

    record Pools(List<Pool> instancePools) {
    }

    record Pool(String instancePoolId, String instancePoolName, String nodeTypeId, int minIdleInstances,
            int maxCapacity, String state, List<String> preloadedSparkVersions, Stats stats) {
        static Pool of(InstancePool pool) {
            return new Pool(pool.instancePoolId(), pool.name(), pool.nodeTypeId(), pool.minIdleInstances(),
                    pool.maxCapacity(), "ACTIVE", pool.preloadedSparkVersions(),
                    new Stats(pool.stats().idleCount(), pool.stats().usedCount(), pool.stats().pendingIdleCount(), 0));
        }
    }

    record Stats(int idleCount, int usedCount, int pendingIdleCount, int pendingUsedCount) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile InstancePoolService pools;
    private final transient ServiceWait<InstancePoolService> waiting;
    private final transient Authorization authorization;

    @Activate
    public InstancePoolResource(BundleContext context, RestConfig config) {
        waiting = new ServiceWait<>(context, InstancePoolService.class, "instance pools", config);
        authorization = new Authorization(context, config);
    }

    @Deactivate
    void deactivate() {
        waiting.close();
        authorization.close();
    }

    @Override
    protected List<Route<?>> routes() {
        return List.of(Route.post("instance-pools/create", Create.class, this::create),
                Route.get("instance-pools/get", PoolId.class,
                        call -> Pool.of(pools().getPool(checked(call, ClusterResource.CAN_ATTACH_TO)))),
                Route.get("instance-pools/list", Void.class, this::list),
                Route.post("instance-pools/delete", PoolId.class, this::delete));
    }

    private InstancePoolService pools() {
        return waiting.get(pools);
    }

    /** The call's pool id, once its caller is found to hold {@code level} on the pool. */
    private String checked(ApiCall<PoolId> call, String level) {
        authorization.require(call.caller().userName(), POOLS, call.params().instancePoolId(), level);
        return call.params().instancePoolId();
    }

    /** The pools the caller may attach clusters to (a platform has few pools: each is checked alone). */
    private Pools list(ApiCall<Void> call) {
        return new Pools(authorization.holdingAny(call.caller().userName(), POOLS, pools().listPools(),
                InstancePool::instancePoolId).stream().map(Pool::of).toList());
    }

    private PoolId create(ApiCall<Create> call) {
        Create create = call.params();
        authorization.entitled(call.caller().userName(), "allow-instance-pool-create");
        return new PoolId(pools().createPool(new InstancePool(null, create.instancePoolName(), create.nodeTypeId(),
                create.minIdleInstances(), create.maxCapacity(), create.preloadedSparkVersions(), null),
                call.caller().userName()));
    }

    private Object delete(ApiCall<PoolId> call) {
        pools().deletePool(checked(call, ClusterResource.CAN_MANAGE));
        authorization.permissions().forget(new ObjectRef(POOLS, call.params().instancePoolId()));
        return null;
    }
}
