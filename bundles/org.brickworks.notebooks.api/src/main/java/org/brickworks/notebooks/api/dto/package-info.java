/** Immutable results of notebook runs. */
@Export
@Version("1.1.0")
package org.brickworks.notebooks.api.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
