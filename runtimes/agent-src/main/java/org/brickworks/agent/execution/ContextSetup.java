package org.brickworks.agent.execution;

import java.nio.file.Path;

import org.apache.spark.sql.SparkSession;
import org.brickworks.agent.dbutils.PlatformCallback;
import org.brickworks.agent.libraries.ClusterLibraries;

/**
 * What every execution context of the driver is made from.
 *
 * @param root
 *            the driver's SparkSession; each context has a new session of it
 * @param interpreters
 *            the languages and their interpreters
 * @param libraries
 *            the cluster's libraries, behind each context's own
 * @param platform
 *            the platform's call-backs ({@code dbutils.notebook.run}, {@code dbutils.fs.mount})
 * @param directory
 *            where each context gets its working directory, named after its id
 */
public record ContextSetup(SparkSession root, Interpreters interpreters, ClusterLibraries libraries,
        PlatformCallback platform, Path directory) {
}
