package org.brickworks.rest.internal;

import java.util.List;

import org.brickworks.clusters.api.InstancePoolService;
import org.brickworks.clusters.api.dto.InstancePool;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ServiceSlot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Instance Pools API 2.0: create, get, list, delete, in Databricks' JSON shapes. */
final class InstancePoolResource {
    private final ServiceSlot<InstancePoolService> pools;
    private final ObjectMapper json;

    InstancePoolResource(ServiceSlot<InstancePoolService> pools, ObjectMapper json) {
        this.pools = pools;
        this.json = json;
    }

    List<Route> routes() {
        return List.of(Route.post("instance-pools/create", this::create), Route.get("instance-pools/get", this::get),
                Route.get("instance-pools/list", this::list), Route.post("instance-pools/delete", this::delete));
    }

    private Object create(ApiRequest request) {
        InstancePool pool = new InstancePool(null, request.requiredString("instance_pool_name"),
                request.requiredString("node_type_id"), count(request, "min_idle_instances"),
                count(request, "max_capacity"), request.optionalStringList("preloaded_spark_versions"), null);
        return json.createObjectNode().put("instance_pool_id", pools.get().createPool(pool));
    }

    private Object get(ApiRequest request) {
        return pool(pools.get().getPool(request.requiredString("instance_pool_id")));
    }

    private Object list(ApiRequest request) {
        ObjectNode result = json.createObjectNode();
        ArrayNode list = result.putArray("instance_pools");
        pools.get().listPools().forEach(pool -> list.add(pool(pool)));
        return result;
    }

    private Object delete(ApiRequest request) {
        pools.get().deletePool(request.requiredString("instance_pool_id"));
        return null;
    }

    private static int count(ApiRequest request, String field) {
        long value = request.optionalLong(field).orElse(0L);
        if (value < 0 || value > 10_000) {
            throw BrickworksException.invalidParameter(field + " must be between 0 and 10000, got " + value);
        }
        return (int) value;
    }

    private ObjectNode pool(InstancePool pool) {
        ObjectNode node = json.createObjectNode().put("instance_pool_id", pool.instancePoolId())
                .put("instance_pool_name", pool.name()).put("node_type_id", pool.nodeTypeId())
                .put("min_idle_instances", pool.minIdleInstances()).put("max_capacity", pool.maxCapacity())
                .put("state", "ACTIVE");
        ArrayNode versions = node.putArray("preloaded_spark_versions");
        pool.preloadedSparkVersions().forEach(versions::add);
        node.putObject("stats").put("idle_count", pool.stats().idleCount()).put("used_count", pool.stats().usedCount())
                .put("pending_idle_count", pool.stats().pendingIdleCount()).put("pending_used_count", 0);
        return node;
    }
}
