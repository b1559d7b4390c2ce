/** The records the secrets service, its backends, REST and the shell exchange. */
@Export
@Version("0.1.0")
package org.brickworks.secrets.api.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
