/** Immutable data of the clusters service, named after the Databricks Clusters API's fields. */
@Export
@Version("5.2.0")
package org.brickworks.clusters.api.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
