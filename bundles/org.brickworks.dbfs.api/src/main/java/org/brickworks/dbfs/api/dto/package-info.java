/** Immutable data of the DBFS service, named after the DBFS API 2.0's fields. */
@Export
@Version("2.0.0")
package org.brickworks.dbfs.api.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
