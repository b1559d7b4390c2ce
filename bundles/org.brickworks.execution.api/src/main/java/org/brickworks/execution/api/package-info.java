/**
 * Command execution: Databricks' Command Execution API 1.2 over clusters' drivers
 * ({@link org.brickworks.execution.api.CommandExecution}), the cell languages it runs
 * ({@link org.brickworks.execution.api.CellLanguage} whiteboard, {@link org.brickworks.execution.api.LanguageRegistry}),
 * notebook-scoped installs ({@link org.brickworks.execution.api.NotebookLibraryResolver} whiteboard), and what
 * other services hand to running drivers: cluster libraries ({@link org.brickworks.execution.api.DriverLibraries})
 * and the DBFS mount table ({@link org.brickworks.execution.api.DriverMounts}).
 */
@Export
@Version("2.1.0")
package org.brickworks.execution.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
