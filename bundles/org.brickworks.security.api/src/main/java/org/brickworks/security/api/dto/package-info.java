/** Data crossing bundles for users and tokens: immutable records. */
@Export
@Version("1.1.0")
package org.brickworks.security.api.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
