/** Immutable data of the workspace service, named after the Databricks Workspace API's fields. */
@Export
@Version("1.1.0")
package org.brickworks.workspace.api.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
