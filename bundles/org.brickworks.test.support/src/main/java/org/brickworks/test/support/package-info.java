/**
 * Fixtures of the bundles' unit tests: a real {@link org.brickworks.store.api.Store} over an H2 file database
 * ({@link org.brickworks.test.support.H2TestStore}) and the platform's identity
 * ({@link org.brickworks.test.support.TestPlatform}). Test scope only: no feature ships this bundle.
 */
@Export
@Version("1.0.0")
package org.brickworks.test.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
