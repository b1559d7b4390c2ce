/**
 * The clusters service: Spark clusters on a chosen runtime version and node type, each a driver process started by
 * the {@link org.brickworks.clusters.api.ClusterLauncher} plugin of its node type and managed by the
 * {@link org.brickworks.clusters.api.ClusterService}; instance pools; the narrow channel to running drivers
 * ({@link org.brickworks.clusters.api.DriverChannels}) for the one service that talks to them, and what that service
 * provides back ({@link org.brickworks.clusters.api.DriverAgent}); whiteboards of what drivers get at their start
 * ({@link org.brickworks.clusters.api.DriverConfigurer}, {@link org.brickworks.clusters.api.DriverInitializer}) and
 * of state changes ({@link org.brickworks.clusters.api.ClusterListener}).
 */
@Export
@Version("2.2.0")
package org.brickworks.clusters.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
