package org.brickworks.clusters.api.dto;

import java.util.Map;

/**
 * What a user asks for when creating a cluster (the Clusters API's {@code create} fields).
 *
 * @param clusterName
 *            {@code cluster_name}, shown to users
 * @param sparkVersion
 *            {@code spark_version}: a runtime key or alias, e.g. {@code 15.4.x-scala2.12}
 * @param nodeTypeId
 *            {@code node_type_id}: the size of the driver and of each worker, one of
 *            {@link org.brickworks.clusters.api.ClusterService#nodeTypes()}; {@code null} for the smallest
 * @param numWorkers
 *            {@code num_workers}: 0 for a single-node cluster
 * @param sparkConf
 *            {@code spark_conf}: Spark properties passed to the driver
 * @param sparkEnvVars
 *            {@code spark_env_vars}: environment variables of the driver process
 * @param autoterminationMinutes
 *            {@code autotermination_minutes}: idle minutes before the cluster terminates, 0 for never
 * @param customTags
 *            {@code custom_tags}
 * @param autoscale
 *            {@code autoscale}: the range of workers the cluster scales in, null for a fixed {@code num_workers}
 * @param instancePoolId
 *            {@code instance_pool_id}: the pool whose pre-started drivers the cluster takes, null for none
 */
public record ClusterSpec(String clusterName, String sparkVersion, String nodeTypeId, int numWorkers,
        Map<String, String> sparkConf, Map<String, String> sparkEnvVars, int autoterminationMinutes,
        Map<String, String> customTags, Autoscale autoscale, String instancePoolId) {
    public ClusterSpec {
        sparkConf = Map.copyOf(sparkConf);
        sparkEnvVars = Map.copyOf(sparkEnvVars);
        customTags = Map.copyOf(customTags);
    }

    /** A single-node cluster named {@code clusterName} on {@code sparkVersion}, with nothing else set. */
    public static ClusterSpec of(String clusterName, String sparkVersion) {
        return new ClusterSpec(clusterName, sparkVersion, null, 0, Map.of(), Map.of(), 0, Map.of(), null, null);
    }

    /** This spec with {@code node_type_id} set to {@code nodeType}. */
    public ClusterSpec withNodeTypeId(String nodeType) {
        return new ClusterSpec(clusterName, sparkVersion, nodeType, numWorkers, sparkConf, sparkEnvVars,
                autoterminationMinutes, customTags, autoscale, instancePoolId);
    }

    /** This spec with {@code num_workers} and {@code autoscale} replaced (to compare the rest of two specs). */
    public ClusterSpec withWorkers(int workers, Autoscale range) {
        return new ClusterSpec(clusterName, sparkVersion, nodeTypeId, workers, sparkConf, sparkEnvVars,
                autoterminationMinutes, customTags, range, instancePoolId);
    }

    /** The most workers the cluster can have: {@code autoscale}'s maximum, else {@code num_workers}. */
    public int maxWorkers() {
        return autoscale == null ? numWorkers : autoscale.maxWorkers();
    }
}
