/**
 * The clusters service: Spark clusters on a chosen runtime version, each a driver process started by a
 * {@link org.brickworks.clusters.api.ClusterLauncher} plugin and managed by the
 * {@link org.brickworks.clusters.api.ClusterService}.
 */
@Export
@Version("1.6.0")
package org.brickworks.clusters.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
