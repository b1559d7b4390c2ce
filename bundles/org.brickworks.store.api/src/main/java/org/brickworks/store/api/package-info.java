/**
 * The platform's metadata store: JDBC work in transactions and per-area versioned schema migrations. Bundles get a
 * {@link org.brickworks.store.api.Store}, never a file path or URL.
 */
@Export
@Version("1.1.0")
package org.brickworks.store.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
