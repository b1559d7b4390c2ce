/** Immutable data of the libraries service: what to resolve and what was resolved. */
@Export
@Version("1.1.0")
package org.brickworks.libraries.api.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
