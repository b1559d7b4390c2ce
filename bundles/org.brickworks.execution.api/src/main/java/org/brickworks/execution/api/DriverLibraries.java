package org.brickworks.execution.api;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Hands cluster libraries to a running cluster's driver: jars join its cluster-libraries class loader and Spark's jars
 * (executors fetch them), Python folders its Python path. Adding what the driver has already changes nothing; nothing
 * is ever removed from a running driver (a restart forgets everything). Thread-safe; one short request to the driver,
 * which does not count as activity for autotermination.
 */
@ProviderType
public interface DriverLibraries {

    /**
     * Adds {@code jars} and {@code pythonPaths} (files and folders on the platform's host, which the driver reads) to
     * the cluster's driver.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code RESOURCE_DOES_NOT_EXIST} for an unknown cluster; {@code INVALID_STATE} when it is not RUNNING;
     *             {@code INVALID_PARAMETER_VALUE} when the driver cannot read a file (its message says which);
     *             {@code TEMPORARILY_UNAVAILABLE} when the driver does not answer
     */
    void add(String clusterId, List<Path> jars, List<Path> pythonPaths);
}
