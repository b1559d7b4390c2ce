/**
 * The libraries service: Maven resolution of artifact closures into the platform's cache, for Spark runtimes and
 * cluster libraries. Callers get files in the cache, never a resolver session.
 */
@Export
@Version("1.1.0")
package org.brickworks.libraries.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
