package org.brickworks.execution.internal;

import org.brickworks.clusters.api.DriverInitializer;
import org.brickworks.clusters.api.dto.DriverChannel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gives every new driver the mount table and the plugin languages' jars before its cluster turns RUNNING. */
@Component(service = DriverInitializer.class)
public class DriverStateInitializer implements DriverInitializer {
    private final DriverState drivers;

    @Activate
    public DriverStateInitializer(@Reference DriverState drivers) {
        this.drivers = drivers;
    }

    @Override
    public void initialize(DriverChannel driver) {
        drivers.initialize(driver);
    }
}
