/** Immutable data of command execution: command states and the sealed result type. */
@Export
@Version("1.0.0")
package org.brickworks.execution.api.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
