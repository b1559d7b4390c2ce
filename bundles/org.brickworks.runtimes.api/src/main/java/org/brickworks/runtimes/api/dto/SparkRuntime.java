package org.brickworks.runtimes.api.dto;

import java.util.List;

/**
 * One Spark runtime version, named as Databricks names its runtimes because clients parse keys and names (the SDKs' and
 * Terraform's version selectors match {@code ^(\d+\.\d+)\.x-}, {@code -scala2.1x}, {@code LTS} and
 * {@code Apache Spark X.Y.Z}).
 *
 * @param key
 *            Databricks' runtime key, e.g. {@code 15.4.x-scala2.12}
 * @param name
 *            Databricks' display name, e.g. {@code 15.4 LTS (includes Apache Spark 3.5.7, Scala 2.12)}
 * @param sparkVersion
 *            e.g. {@code 3.5.7}
 * @param scalaVersion
 *            Scala binary version, e.g. {@code 2.12}
 * @param deltaVersion
 *            Delta Lake version, e.g. {@code 3.3.2}
 * @param aliases
 *            other Databricks keys of the same Spark line accepted for this runtime, e.g. {@code 14.3.x-scala2.12}
 * @param mavenCoordinates
 *            {@code group:artifact:version} whose closure (from Maven Central) is the driver's classpath, with the
 *            agent jar; direct coordinates pin versions (nearest wins)
 * @param driverJvmOptions
 *            options the driver JVM needs, e.g. Spark's {@code --add-opens} list (the platform never loads Spark, so it
 *            cannot ask Spark for them)
 */
public record SparkRuntime(String key, String name, String sparkVersion, String scalaVersion, String deltaVersion,
        List<String> aliases, List<String> mavenCoordinates, List<String> driverJvmOptions) {
    public SparkRuntime {
        aliases = List.copyOf(aliases);
        mavenCoordinates = List.copyOf(mavenCoordinates);
        driverJvmOptions = List.copyOf(driverJvmOptions);
    }
}
