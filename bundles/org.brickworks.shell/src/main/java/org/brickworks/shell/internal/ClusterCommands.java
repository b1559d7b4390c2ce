package org.brickworks.shell.internal;

import java.time.Instant;

import org.apache.felix.service.command.Descriptor;
import org.brickworks.clusters.api.ClusterService;
import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Spark clusters: {@code bw:clusters}, {@code bw:cluster-create}, {@code bw:cluster-terminate},
 * {@code bw:cluster-events}.
 */
@Component
public class ClusterCommands implements ShellCommands {
    @Reference(policyOption = ReferencePolicyOption.GREEDY)
    private volatile ClusterService clusters;

    @Descriptor("List the clusters with their state and driver")
    public String clusters() {
        Table table = new Table("ID", "NAME", "RUNTIME", "STATE", "DRIVER", "MESSAGE");
        clusters.list().forEach(c -> table.row(c.clusterId(), c.spec().clusterName(), c.spec().sparkVersion(),
                c.state(), driver(c), c.stateMessage()));
        return table.toString();
    }

    @Descriptor("Create a single-node cluster and start it; prints the cluster id")
    public String clusterCreate(@Descriptor("cluster name") String name,
            @Descriptor("runtime key, as bw:runtimes shows it") String sparkVersion) {
        return clusters.create(ClusterSpec.of(name, sparkVersion));
    }

    @Descriptor("Terminate a cluster: its driver stops, the cluster stays listed")
    public String clusterTerminate(@Descriptor("cluster id, as bw:clusters shows it") String clusterId) {
        clusters.terminate(clusterId);
        return "Terminating " + clusterId;
    }

    @Descriptor("List a cluster's events, oldest first")
    public String clusterEvents(@Descriptor("cluster id, as bw:clusters shows it") String clusterId) {
        Table table = new Table("TIME", "TYPE", "MESSAGE");
        clusters.events(clusterId)
                .forEach(e -> table.row(Instant.ofEpochMilli(e.timestamp()), e.type(), e.message()));
        return table.toString();
    }

    private static String driver(ClusterInfo cluster) {
        return cluster.driver() == null ? "-" : cluster.driver().host() + ":" + cluster.driver().port();
    }
}
