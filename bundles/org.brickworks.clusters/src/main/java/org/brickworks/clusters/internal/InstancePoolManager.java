package org.brickworks.clusters.internal;

import java.util.List;

import org.brickworks.clusters.api.InstancePoolService;
import org.brickworks.clusters.api.dto.InstancePool;
import org.brickworks.core.api.Awaiting;
import org.brickworks.runtimes.api.RuntimeRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.ServiceTracker;

/** The Instance Pools API over the {@link DriverFleet}'s pools: node types and versions checked, then kept. */
@Component(service = InstancePoolService.class)
public class InstancePoolManager implements InstancePoolService {
    private final DriverFleet fleet;
    private final RuntimeRegistry runtimes;
    private ServiceTracker<RuntimeRegistry, RuntimeRegistry> runtimesTracker;

    @Activate
    public InstancePoolManager(@Reference DriverFleet fleet, BundleContext context) {
        this(fleet, DriverFleet.opened(new ServiceTracker<>(context, RuntimeRegistry.class, null)));
    }

    /** The runtimes are tracked, not referenced, so that an update of their bundle does not restart this. */
    private InstancePoolManager(DriverFleet fleet, ServiceTracker<RuntimeRegistry, RuntimeRegistry> runtimes) {
        this(fleet, Awaiting.proxy(runtimes, RuntimeRegistry.class, "runtimes"));
        this.runtimesTracker = runtimes;
    }

    InstancePoolManager(DriverFleet fleet, RuntimeRegistry runtimes) {
        this.fleet = fleet;
        this.runtimes = runtimes;
    }

    @Override
    public String createPool(InstancePool pool) {
        return createPool(pool, null);
    }

    @Override
    public String createPool(InstancePool pool, String creator) {
        String nodeType = fleet.launchers().nodeType(pool.nodeTypeId()).nodeTypeId();
        pool.preloadedSparkVersions().forEach(runtimes::get);
        return fleet.pools().create(new InstancePool(null, pool.name(), nodeType, pool.minIdleInstances(),
                pool.maxCapacity(), pool.preloadedSparkVersions(), null), creator);
    }

    @Override
    public InstancePool getPool(String instancePoolId) {
        return fleet.pools().get(instancePoolId);
    }

    @Override
    public List<InstancePool> listPools() {
        return fleet.pools().list();
    }

    @Override
    public void deletePool(String instancePoolId) {
        fleet.pools().delete(instancePoolId);
    }

    @Deactivate
    void deactivate() {
        if (runtimesTracker != null) {
            runtimesTracker.close();
        }
    }
}
