/**
 * The runtimes service: the Spark runtime versions clusters can run, each contributed by a runtime plugin bundle
 * through the {@link org.brickworks.runtimes.api.RuntimeProvider} extension point and listed by the
 * {@link org.brickworks.runtimes.api.RuntimeRegistry}. The {@link org.brickworks.runtimes.api.RuntimeInstaller} installs
 * and removes plugin bundles live, asking every {@link org.brickworks.runtimes.api.RuntimeUsage} before a removal.
 */
@Export
@Version("1.1.0")
package org.brickworks.runtimes.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
