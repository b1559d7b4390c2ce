package org.brickworks.execution.internal;

import java.nio.file.Path;
import java.util.List;

import org.brickworks.execution.api.DriverMounts;
import org.brickworks.execution.api.dto.DriverMount;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link DriverMounts}: the DBFS service's root and mount table, handed to every driver by {@link DriverState}. */
@Component(service = DriverMounts.class)
public class MountPublisher implements DriverMounts {
    private final DriverState drivers;

    @Activate
    public MountPublisher(@Reference DriverState drivers) {
        this.drivers = drivers;
    }

    @Override
    public void publish(Path localRoot, List<DriverMount> mounts) {
        drivers.publishMounts(localRoot, mounts);
    }
}
