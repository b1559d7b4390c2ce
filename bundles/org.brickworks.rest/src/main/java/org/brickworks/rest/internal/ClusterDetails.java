package org.brickworks.rest.internal;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.DriverNode;
import org.brickworks.clusters.api.dto.TerminationReason;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A cluster as the Clusters API 2.0 answers it ({@code clusters/get}, {@code clusters/list}), with Brickworks' own
 * fields: the driver's {@code port} and {@code pid}, and {@code spark_connect}. Fields without a value are left out,
 * as Databricks does ({@code num_workers} or {@code autoscale}, {@code driver} while none runs).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ClusterDetails(String clusterId, String clusterName, String sparkVersion, String nodeTypeId,
        String driverNodeTypeId, int autoterminationMinutes, String state, String stateMessage, long startTime,
        String clusterSource, String creatorUserName, boolean pinned, Integer numWorkers, Autoscale autoscale,
        String instancePoolId,
        Map<String, String> sparkConf, Map<String, String> sparkEnvVars, Map<String, String> customTags,
        Long terminatedTime, Termination terminationReason, Driver driver, SparkConnect sparkConnect,
        List<Executor> executors) {

    record Autoscale(int minWorkers, int maxWorkers) {
    }

    record Termination(String code, String type, Map<String, String> parameters) {
    }

    record Driver(String hostPrivateIp, String privateIp, String nodeId, long startTimestamp, int port, long pid) {
    }

    record SparkConnect(String host, int port, String url) {
    }

    record Executor(String nodeId, String hostPrivateIp, String privateIp, int numCores, long startTimestamp) {
    }

    static ClusterDetails of(ClusterInfo cluster) {
        ClusterSpec spec = cluster.spec();
        DriverNode driver = cluster.driver();
        return new ClusterDetails(cluster.clusterId(), spec.clusterName(), spec.sparkVersion(), spec.nodeTypeId(),
                spec.nodeTypeId(), spec.autoterminationMinutes(), cluster.state().name(), cluster.stateMessage(),
                cluster.startTime(), cluster.clusterSource(), cluster.creatorUserName(), cluster.pinned(),
                spec.autoscale() == null ? spec.numWorkers() : null,
                spec.autoscale() == null ? null
                        : new Autoscale(spec.autoscale().minWorkers(), spec.autoscale().maxWorkers()),
                spec.instancePoolId(), spec.sparkConf(), spec.sparkEnvVars(), spec.customTags(),
                cluster.terminatedTime() > 0 ? cluster.terminatedTime() : null,
                termination(cluster.terminationReason()),
                driver == null ? null
                        : new Driver(driver.host(), driver.host(), "driver", driver.startTime(), driver.port(),
                                driver.pid()),
                driver == null || driver.connectPort() <= 0 ? null
                        : new SparkConnect(driver.host(), driver.connectPort(),
                                "sc://" + driver.host() + ":" + driver.connectPort()),
                cluster.executors().stream().map(e -> new Executor(e.executorId(), e.host(), e.host(), e.cores(),
                        e.startTime())).toList());
    }

    private static Termination termination(TerminationReason reason) {
        return reason == null ? null
                : new Termination(reason.code(), reason.type(),
                        Collections.singletonMap("databricks_error_message", reason.message()));
    }
}
