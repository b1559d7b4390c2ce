package org.brickworks.clusters.internal;

import java.util.List;

import org.brickworks.clusters.api.ClusterService;
import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterState;
import org.brickworks.runtimes.api.RuntimeUsage;
import org.brickworks.runtimes.api.dto.SparkRuntime;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Tells the runtime installer which clusters use a runtime: every cluster not TERMINATED on its key or an alias. */
@Component
public class ClusterRuntimeUsage implements RuntimeUsage {
    private final ClusterService clusters;

    @Activate
    public ClusterRuntimeUsage(@Reference ClusterService clusters) {
        this.clusters = clusters;
    }

    @Override
    public List<String> usersOf(SparkRuntime runtime) {
        return users(clusters.list(), runtime);
    }

    static List<String> users(List<ClusterInfo> clusters, SparkRuntime runtime) {
        return clusters.stream().filter(c -> c.state() != ClusterState.TERMINATED)
                .filter(c -> runtime.key().equals(c.spec().sparkVersion())
                        || runtime.aliases().contains(c.spec().sparkVersion()))
                .map(c -> "cluster " + c.clusterId() + " (" + c.spec().clusterName() + ", " + c.state() + ")").toList();
    }
}
