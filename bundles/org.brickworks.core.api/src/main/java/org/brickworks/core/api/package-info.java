/**
 * Types shared by every Brickworks area: the error model the edges (REST, shell) translate, the platform's identity,
 * and the small helper adapters use to wait for a service being swapped.
 */
@Export
@Version("2.2.0")
package org.brickworks.core.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
