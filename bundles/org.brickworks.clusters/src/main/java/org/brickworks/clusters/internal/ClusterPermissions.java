package org.brickworks.clusters.internal;

import java.util.List;

import org.brickworks.clusters.api.ClusterService;
import org.brickworks.permissions.api.BasicSecurableType;
import org.brickworks.permissions.api.Securable;
import org.brickworks.permissions.api.SecurableType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Clusters carry permissions: {@code CAN_ATTACH_TO} < {@code CAN_RESTART} < {@code CAN_MANAGE}; the creator owns one. */
@Component(service = SecurableType.class, property = SecurableType.PROPERTY + "=clusters")
public class ClusterPermissions extends BasicSecurableType {
    private final ClusterService clusters;

    @Activate
    public ClusterPermissions(@Reference ClusterService clusters) {
        super("clusters", "cluster", List.of(
                new Level("CAN_ATTACH_TO", "Can attach notebooks to the cluster and run commands on it"),
                new Level("CAN_RESTART", "Can attach to, start, restart and terminate the cluster"),
                new Level("CAN_MANAGE", "Can edit, delete and set the permissions of the cluster")), "CAN_MANAGE");
        this.clusters = clusters;
    }

    @Override
    public Securable resolve(String id) {
        return new Securable(clusters.get(id).creatorUserName());
    }
}
