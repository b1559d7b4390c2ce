/**
 * Jobs: named, stored settings of one or more tasks in a DAG (Databricks' {@code JobSettings}), served by the
 * {@link org.brickworks.jobs.api.JobService}; their runs ({@link org.brickworks.jobs.api.RunService}); and the
 * {@link org.brickworks.jobs.api.TaskType} whiteboard through which plugins add kinds of tasks.
 */
@Export
@Version("0.3.0")
package org.brickworks.jobs.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
