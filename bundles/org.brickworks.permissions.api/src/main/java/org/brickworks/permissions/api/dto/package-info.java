/** The Permissions API's shapes. */
@Export
@Version("1.0.0")
package org.brickworks.permissions.api.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
