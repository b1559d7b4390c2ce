package org.brickworks.rest.internal;

import java.util.List;

import org.brickworks.clusters.api.InstancePoolService;
import org.brickworks.clusters.api.dto.InstancePool;
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

/** Instance Pools API 2.0: create, get, list, delete, in Databricks' JSON shapes. */
@Component(service = Servlet.class, configurationPid = RestConfig.PID)
@HttpWhiteboardContextSelect(RestContext.SELECT)
@HttpWhiteboardServletPattern({ "/api/2.0/instance-pools/*", "/api/2.1/instance-pools/*",
        "/api/2.2/instance-pools/*" })
public class InstancePoolResource extends ApiServlet {
    private static final long serialVersionUID = 1L;

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

    @Activate
    public InstancePoolResource(BundleContext context, RestConfig config) {
        waiting = new ServiceWait<>(context, InstancePoolService.class, "instance pools", config);
    }

    @Deactivate
    void deactivate() {
        waiting.close();
    }

    @Override
    protected List<Route<?>> routes() {
        return List.of(Route.post("instance-pools/create", Create.class, this::create),
                Route.get("instance-pools/get", PoolId.class,
                        call -> Pool.of(pools().getPool(call.params().instancePoolId()))),
                Route.get("instance-pools/list", Void.class,
                        call -> new Pools(pools().listPools().stream().map(Pool::of).toList())),
                Route.post("instance-pools/delete", PoolId.class, this::delete));
    }

    private InstancePoolService pools() {
        return waiting.get(pools);
    }

    private PoolId create(ApiCall<Create> call) {
        Create create = call.params();
        return new PoolId(pools().createPool(new InstancePool(null, create.instancePoolName(), create.nodeTypeId(),
                create.minIdleInstances(), create.maxCapacity(), create.preloadedSparkVersions(), null)));
    }

    private Object delete(ApiCall<PoolId> call) {
        pools().deletePool(call.params().instancePoolId());
        return null;
    }
}
