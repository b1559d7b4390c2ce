package org.brickworks.libraries.api;

import java.nio.file.Path;
import java.util.List;

import org.brickworks.libraries.api.dto.ClusterLibraryStatuses;
import org.brickworks.libraries.api.dto.Library;
import org.brickworks.libraries.api.dto.LibraryCache;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Cluster-scoped libraries, the Libraries API 2.0: a cluster's libraries are kept in the store, installed at once on
 * its running driver and again on every start (PENDING, RESOLVING, INSTALLING, INSTALLED or FAILED). Jars join the
 * driver's cluster-libraries class loader and Spark's jars (executors fetch them); Python packages are installed by pip
 * into content-addressed folders the driver's Python contexts put on their path. Thread-safe; install and uninstall
 * return at once, the work continues on the service's threads, visible through {@link #clusterStatus}.
 */
@ProviderType
public interface ClusterLibraryService {

    /**
     * Adds {@code libraries} to the cluster (a library it has already is left as it is).
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code RESOURCE_DOES_NOT_EXIST} for an unknown cluster; {@code INVALID_PARAMETER_VALUE} for a
     *             malformed library (coordinates, path, specifier): nothing is added then
     */
    void install(String clusterId, List<Library> libraries);

    /**
     * Marks {@code libraries} UNINSTALL_ON_RESTART: the driver keeps them until the cluster restarts (a class loaded
     * cannot be unloaded); a cluster that is not running forgets them at once. Unknown libraries are ignored.
     */
    void uninstall(String clusterId, List<Library> libraries);

    /** The cluster's libraries; {@code RESOURCE_DOES_NOT_EXIST} for an unknown cluster. */
    ClusterLibraryStatuses clusterStatus(String clusterId);

    /** Every cluster that has libraries. */
    List<ClusterLibraryStatuses> allClusterStatuses();

    /**
     * Resolves {@code library} into the cache without installing it anywhere (downloading only what the cache lacks):
     * a Maven library's jars in classpath order, a PyPI library's or wheel's package folder, a jar's cached copy.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} for a malformed library; the resolver's or pip's failure otherwise
     *             ({@code RESOURCE_DOES_NOT_EXIST}, {@code TEMPORARILY_UNAVAILABLE}), with its reason as message
     */
    List<Path> resolve(Library library);

    /** The Maven and PyPI caches. */
    List<LibraryCache> caches();

    /**
     * Empties the caches; libraries are downloaded again when next needed (running drivers keep the files they
     * loaded). Returns the caches as they were before.
     */
    List<LibraryCache> purgeCaches();
}
