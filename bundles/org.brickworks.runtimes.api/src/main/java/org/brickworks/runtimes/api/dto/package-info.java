/** Immutable data of the runtimes service: what a Spark runtime version is. */
@Export
@Version("1.1.0")
package org.brickworks.runtimes.api.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
