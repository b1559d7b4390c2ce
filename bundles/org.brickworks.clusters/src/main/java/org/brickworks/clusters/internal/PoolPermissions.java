package org.brickworks.clusters.internal;

import java.util.List;

import org.brickworks.permissions.api.BasicSecurableType;
import org.brickworks.permissions.api.Securable;
import org.brickworks.permissions.api.SecurableType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Instance pools carry permissions: {@code CAN_ATTACH_TO} < {@code CAN_MANAGE}; the creator owns one. */
@Component(service = SecurableType.class, property = SecurableType.PROPERTY + "=instance-pools")
public class PoolPermissions extends BasicSecurableType {
    private final DriverFleet fleet;

    @Activate
    public PoolPermissions(@Reference DriverFleet fleet) {
        super("instance-pools", "instance-pool", List.of(
                new Level("CAN_ATTACH_TO", "Can create clusters that take their drivers from the pool"),
                new Level("CAN_MANAGE", "Can edit, delete and set the permissions of the pool")), "CAN_MANAGE");
        this.fleet = fleet;
    }

    @Override
    public Securable resolve(String id) {
        return new Securable(fleet.pools().creator(id));
    }
}
