package org.brickworks.clusters.internal;

import java.util.List;

import org.brickworks.permissions.api.Securable;
import org.brickworks.permissions.api.SecurableType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Instance pools carry permissions: {@code CAN_ATTACH_TO} < {@code CAN_MANAGE}; the creator owns one. */
@Component(property = SecurableType.PROPERTY + "=instance-pools")
public class PoolPermissions implements SecurableType {
    private static final List<Level> LEVELS = List.of(
            new Level("CAN_ATTACH_TO", "Can create clusters that take their drivers from the pool"),
            new Level("CAN_MANAGE", "Can edit, delete and set the permissions of the pool"));

    private final DriverFleet fleet;

    @Activate
    public PoolPermissions(@Reference DriverFleet fleet) {
        this.fleet = fleet;
    }

    @Override
    public String name() {
        return "instance-pools";
    }

    @Override
    public String objectType() {
        return "instance-pool";
    }

    @Override
    public List<Level> levels() {
        return LEVELS;
    }

    @Override
    public String ownerLevel() {
        return "CAN_MANAGE";
    }

    @Override
    public Securable resolve(String id) {
        return new Securable(fleet.pools().creator(id));
    }
}
