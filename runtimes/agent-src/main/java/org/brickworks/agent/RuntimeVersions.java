package org.brickworks.agent;

import java.net.URL;
import java.security.CodeSource;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.sql.SparkSession;

import scala.util.Properties;

/**
 * The versions of the runtime the agent runs on, as the classpath tells them.
 *
 * @param spark
 *            the Spark version, e.g. {@code 3.5.7}
 * @param scala
 *            the Scala library version, e.g. {@code 2.12.18}
 * @param delta
 *            the Delta Lake version, when its jar names it
 */
record RuntimeVersions(String spark, String scala, Optional<String> delta) {

    private static final Pattern JAR_VERSION = Pattern.compile("-(\\d+\\.\\d+\\.\\d+[^/]*)\\.jar$");

    static RuntimeVersions of(SparkSession spark) {
        return new RuntimeVersions(spark.version(), Properties.versionNumberString(), deltaVersion());
    }

    private static Optional<String> deltaVersion() {
        try {
            Class<?> catalog = Class.forName("org.apache.spark.sql.delta.catalog.DeltaCatalog");
            String fromManifest = catalog.getPackage().getImplementationVersion();
            if (fromManifest != null) {
                return Optional.of(fromManifest);
            }
            // Delta's jars carry no Implementation-Version: the Maven file name does.
            CodeSource source = catalog.getProtectionDomain().getCodeSource();
            URL location = source == null ? null : source.getLocation();
            Matcher matcher = JAR_VERSION.matcher(location == null ? "" : location.getPath());
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }
}
