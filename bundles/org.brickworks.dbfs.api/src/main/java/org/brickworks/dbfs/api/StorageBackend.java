package org.brickworks.dbfs.api;

import java.net.URI;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Extension point: a kind of storage that can be mounted into DBFS. A plugin registers this service with the
 * property {@value #SCHEME_PROPERTY} naming the URI schemes it serves (a string or an array, e.g. {@code wasbs} and
 * {@code wasb}); the DBFS service picks it up and drops it with its bundle (the mounts stay in the store and come back
 * with the backend).
 * <p>
 * Called from any thread.
 */
@ConsumerType
public interface StorageBackend {
    /** Service property: the URI schemes this backend serves. */
    String SCHEME_PROPERTY = "brickworks.storage.scheme";

    /**
     * Opens the storage {@code source} names, with {@code extraConfigs} (credentials among them: never log their
     * values), and checks that it answers.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} when the source or settings are wrong or refused by the storage
     */
    Storage open(URI source, Map<String, String> extraConfigs);
}
