/** The jobs service's values. */
@Export
@Version("0.2.0")
package org.brickworks.jobs.api.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
