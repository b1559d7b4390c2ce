/**
 * Jobs: named, stored settings of one or more tasks in a DAG (Databricks' {@code JobSettings}), served by the
 * {@link org.brickworks.jobs.api.JobService}.
 */
@Export
@Version("0.1.0")
package org.brickworks.jobs.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
