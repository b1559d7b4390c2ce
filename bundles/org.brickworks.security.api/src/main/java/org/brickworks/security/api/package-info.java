/**
 * Users and personal access tokens. Every entry point (REST, shell, SSH) authenticates a caller through
 * {@link org.brickworks.security.api.TokenService#authenticate(String)}.
 */
@Export
@Version("1.1.0")
package org.brickworks.security.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
