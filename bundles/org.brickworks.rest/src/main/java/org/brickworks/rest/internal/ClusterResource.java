package org.brickworks.rest.internal;

import java.util.List;
import java.util.Map;

import org.brickworks.clusters.api.ClusterService;
import org.brickworks.clusters.api.dto.Autoscale;
import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.TerminationReason;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ServiceSlot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Clusters API 2.0: create, edit, start, restart, get, list, delete (terminate), permanent-delete, pin, unpin, events
 * and list-node-types, in Databricks' JSON shapes; and Brickworks' own {@code driver-logs}, the end of a cluster's
 * driver log.
 */
final class ClusterResource {
    /** The window of {@code driver-logs}: the end of the log, as much as a browser or terminal shows at once. */
    private static final int LOG_BYTES = 1 << 20;

    private final ServiceSlot<ClusterService> clusters;
    private final ObjectMapper json;

    ClusterResource(ServiceSlot<ClusterService> clusters, ObjectMapper json) {
        this.clusters = clusters;
        this.json = json;
    }

    List<Route> routes() {
        return List.of(Route.post("clusters/create", this::create), Route.get("clusters/get", this::get),
                Route.get("clusters/list", this::list), Route.post("clusters/delete", this::delete),
                Route.post("clusters/permanent-delete", this::permanentDelete),
                Route.post("clusters/events", this::events), Route.get("clusters/driver-logs", this::driverLogs),
                Route.get("clusters/list-node-types", this::nodeTypes), Route.post("clusters/edit", this::edit),
                Route.post("clusters/start", this::start), Route.post("clusters/restart", this::restart),
                Route.post("clusters/pin", request -> pin(request, true)),
                Route.post("clusters/unpin", request -> pin(request, false)));
    }

    private Object create(ApiRequest request) {
        return json.createObjectNode().put("cluster_id", clusters.get().create(spec(request)));
    }

    private Object edit(ApiRequest request) {
        clusters.get().edit(request.requiredString("cluster_id"), spec(request));
        return null;
    }

    private Object start(ApiRequest request) {
        clusters.get().start(request.requiredString("cluster_id"));
        return null;
    }

    private Object restart(ApiRequest request) {
        clusters.get().restart(request.requiredString("cluster_id"));
        return null;
    }

    private Object pin(ApiRequest request, boolean pinned) {
        clusters.get().pin(request.requiredString("cluster_id"), pinned);
        return null;
    }

    private static ClusterSpec spec(ApiRequest request) {
        return new ClusterSpec(request.requiredString("cluster_name"), request.requiredString("spark_version"),
                request.optionalString("node_type_id").orElse(null), intField(request, "num_workers"),
                request.optionalStringMap("spark_conf"), request.optionalStringMap("spark_env_vars"),
                intField(request, "autotermination_minutes"), request.optionalStringMap("custom_tags"),
                autoscale(request), request.optionalString("instance_pool_id").orElse(null));
    }

    private static Autoscale autoscale(ApiRequest request) {
        return request.optionalObject("autoscale").map(range -> {
            int min = intField(range, "min_workers");
            int max = intField(range, "max_workers");
            if (min < 0 || max < Math.max(1, min)) {
                throw BrickworksException.invalidParameter("autoscale needs 0 <= min_workers <= max_workers and"
                        + " max_workers >= 1, got " + min + " and " + max);
            }
            return new Autoscale(min, max);
        }).orElse(null);
    }

    private Object get(ApiRequest request) {
        return cluster(clusters.get().get(request.requiredString("cluster_id")));
    }

    private Object list(ApiRequest request) {
        ObjectNode result = json.createObjectNode();
        ArrayNode list = result.putArray("clusters");
        clusters.get().list().forEach(cluster -> list.add(cluster(cluster)));
        return result;
    }

    private Object delete(ApiRequest request) {
        clusters.get().terminate(request.requiredString("cluster_id"));
        return null;
    }

    private Object permanentDelete(ApiRequest request) {
        clusters.get().permanentDelete(request.requiredString("cluster_id"));
        return null;
    }

    private Object events(ApiRequest request) {
        ObjectNode result = json.createObjectNode();
        ArrayNode events = result.putArray("events");
        clusters.get().events(request.requiredString("cluster_id")).forEach(event -> events.addObject()
                .put("cluster_id", event.clusterId()).put("timestamp", event.timestamp()).put("type", event.type())
                .putObject("details").put("reason", event.message()));
        result.put("total_count", events.size());
        return result;
    }

    private Object nodeTypes(ApiRequest request) {
        ObjectNode result = json.createObjectNode();
        ArrayNode types = result.putArray("node_types");
        clusters.get().nodeTypes().forEach(type -> types.addObject().put("node_type_id", type.nodeTypeId())
                .put("memory_mb", type.memoryMb()).put("num_cores", type.numCores()).put("num_gpus", 0)
                .put("description", type.description()).put("instance_type_id", type.nodeTypeId())
                .put("category", "General Purpose").put("is_deprecated", false).put("is_hidden", false));
        return result;
    }

    private Object driverLogs(ApiRequest request) {
        String clusterId = request.requiredString("cluster_id");
        return json.createObjectNode().put("cluster_id", clusterId)
                .put("log", clusters.get().driverLog(clusterId, LOG_BYTES));
    }

    private static int intField(ApiRequest request, String field) {
        long value = request.optionalLong(field).orElse(0L);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw BrickworksException.invalidParameter("Invalid value for " + field + ": " + value + " is too large");
        }
        return (int) value;
    }

    private ObjectNode cluster(ClusterInfo cluster) {
        ClusterSpec spec = cluster.spec();
        ObjectNode node = json.createObjectNode().put("cluster_id", cluster.clusterId())
                .put("cluster_name", spec.clusterName()).put("spark_version", spec.sparkVersion())
                .put("node_type_id", spec.nodeTypeId()).put("driver_node_type_id", spec.nodeTypeId())
                .put("autotermination_minutes", spec.autoterminationMinutes())
                .put("state", cluster.state().name()).put("state_message", cluster.stateMessage())
                .put("start_time", cluster.startTime()).put("cluster_source", "API")
                .put("pinned", cluster.pinned());
        if (spec.autoscale() == null) {
            node.put("num_workers", spec.numWorkers());
        } else {
            node.putObject("autoscale").put("min_workers", spec.autoscale().minWorkers()).put("max_workers",
                    spec.autoscale().maxWorkers());
        }
        if (spec.instancePoolId() != null) {
            node.put("instance_pool_id", spec.instancePoolId());
        }
        map(node, "spark_conf", spec.sparkConf());
        map(node, "spark_env_vars", spec.sparkEnvVars());
        map(node, "custom_tags", spec.customTags());
        if (cluster.terminatedTime() > 0) {
            node.put("terminated_time", cluster.terminatedTime());
        }
        TerminationReason reason = cluster.terminationReason();
        if (reason != null) {
            ObjectNode termination = node.putObject("termination_reason").put("code", reason.code())
                    .put("type", reason.type());
            termination.putObject("parameters").put("databricks_error_message", reason.message());
        }
        if (cluster.driver() != null) {
            node.putObject("driver").put("host_private_ip", cluster.driver().host())
                    .put("private_ip", cluster.driver().host()).put("node_id", "driver")
                    .put("start_timestamp", cluster.driver().startTime()).put("port", cluster.driver().port())
                    .put("pid", cluster.driver().pid());
            if (cluster.driver().connectPort() > 0) {
                node.putObject("spark_connect").put("host", cluster.driver().host())
                        .put("port", cluster.driver().connectPort())
                        .put("url", "sc://" + cluster.driver().host() + ":" + cluster.driver().connectPort());
            }
        }
        ArrayNode executors = node.putArray("executors");
        cluster.executors().forEach(e -> executors.addObject().put("node_id", e.executorId())
                .put("host_private_ip", e.host()).put("private_ip", e.host()).put("num_cores", e.cores())
                .put("start_timestamp", e.startTime()));
        return node;
    }

    private static void map(ObjectNode node, String field, Map<String, String> entries) {
        ObjectNode object = node.putObject(field);
        entries.forEach(object::put);
    }
}
