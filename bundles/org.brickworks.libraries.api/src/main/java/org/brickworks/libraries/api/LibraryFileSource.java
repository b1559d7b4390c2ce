package org.brickworks.libraries.api;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads library files (jars, wheels) named by a URI of one scheme, e.g. {@code dbfs:/FileStore/jars/udf.jar}: an
 * extension point, registered with the service property {@link #SCHEME_PROPERTY} (e.g. {@code dbfs}). The cluster
 * libraries service copies the file into its cache at once, so the returned file only needs to stay until then.
 * Thread-safe.
 */
@ConsumerType
public interface LibraryFileSource {
    /** Service property: the URI scheme this source reads, without the colon. */
    String SCHEME_PROPERTY = "brickworks.library.scheme";

    /**
     * A local file with the content of {@code uri}.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code RESOURCE_DOES_NOT_EXIST} when there is no such file
     */
    Path fetch(String uri);
}
