/**
 * Notebooks at work: the {@link org.brickworks.notebooks.api.NotebookRunner} runs a workspace notebook's cells on a
 * cluster, one after another in one execution context, and keeps their outputs with the notebook revision that ran.
 */
@Export
@Version("1.3.0")
package org.brickworks.notebooks.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
