/**
 * The workspace: a tree of folders, notebooks and files with stable object ids, owners, times and a revision history
 * of every notebook, imported and exported in Databricks' SOURCE and Jupyter formats, served by the
 * {@link org.brickworks.workspace.api.WorkspaceService}.
 */
@Export
@Version("1.0.0")
package org.brickworks.workspace.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
