/**
 * DBFS: one namespace {@code dbfs:/} over storage backends. {@link org.brickworks.dbfs.api.DbfsService} is the
 * service REST, the shell and the cluster launcher use; {@link org.brickworks.dbfs.api.StorageBackend} is the
 * extension point a bundle registers to offer another kind of storage for mounts.
 */
@Export
@Version("2.0.0")
package org.brickworks.dbfs.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
