package org.brickworks.execution.internal;

import java.util.Map;

import org.brickworks.clusters.api.DriverConfigurer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Spark conf that makes {@code dbfs:/} work in every driver on this host: the DBFS root the DBFS service published
 * (the agent serves the scheme with its own file system classes), and until agents take mount tables over HTTP, the
 * file they read the mounts from. Only paths: credentials never go into the Spark conf, which the Spark UI and event
 * logs show.
 */
@Component(service = DriverConfigurer.class)
public class DbfsDriverConf implements DriverConfigurer {
    private final DriverState drivers;

    @Activate
    public DbfsDriverConf(@Reference DriverState drivers) {
        this.drivers = drivers;
    }

    @Override
    public Map<String, String> sparkConf(String clusterId) {
        return drivers.sparkConf();
    }
}
