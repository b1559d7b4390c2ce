/**
 * Who may do what to which object: Databricks' permission levels on clusters, instance pools, jobs and workspace
 * objects, kept by the {@link org.brickworks.permissions.api.PermissionService} and checked by every area's service;
 * the kinds of objects are a whiteboard ({@link org.brickworks.permissions.api.SecurableType}), so a plugin's objects
 * carry permissions the same way.
 */
@Export
@Version("1.0.0")
package org.brickworks.permissions.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
