package org.brickworks.clusters.api;

import java.util.List;

import org.brickworks.clusters.api.dto.InstancePool;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Instance pools, Databricks' Instance Pools API: each pool keeps {@code min_idle_instances} drivers started and
 * ready on its first preloaded runtime version, and a cluster created with the pool's id takes one of them instead of
 * starting a driver. A taken driver is never returned: the cluster stops it when it terminates, and the pool starts a
 * fresh one. Pools are kept in the store; idle drivers are not (they are started again when the service starts).
 * Thread-safe.
 *
 * @throws org.brickworks.core.api.BrickworksException
 *             from every method taking an id: {@code RESOURCE_DOES_NOT_EXIST} for an unknown pool
 */
@ProviderType
public interface InstancePoolService {

    /**
     * Creates a pool and starts its idle drivers in the background. {@code instancePoolId} and {@code stats} of
     * {@code pool} are ignored.
     *
     * @return the new pool's id
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} for a missing name, an unknown node type or runtime version, or
     *             negative sizes
     */
    String createPool(InstancePool pool);

    /**
     * {@link #createPool(InstancePool)} for {@code creator}, who owns the pool.
     *
     * @since 2.2
     */
    String createPool(InstancePool pool, String creator);

    /** The pool, with its stats now. */
    InstancePool getPool(String instancePoolId);

    /** Every pool, by name. */
    List<InstancePool> listPools();

    /** Stops the pool's idle drivers and forgets it; clusters that took drivers from it keep them. */
    void deletePool(String instancePoolId);
}
