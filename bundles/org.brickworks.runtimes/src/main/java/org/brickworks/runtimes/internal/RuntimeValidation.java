package org.brickworks.runtimes.internal;

import java.util.List;
import java.util.regex.Pattern;

import org.brickworks.runtimes.api.RuntimeProvider;
import org.brickworks.runtimes.api.dto.SparkRuntime;

/**
 * Checks what a runtime plugin contributes before it is offered: clients parse keys and names (Databricks' forms), and
 * a launcher needs every field.
 */
final class RuntimeValidation {
    /** {@code 15.4.x-scala2.12}, {@code 15.4.x-photon-scala2.12}: what SDK and Terraform selectors match. */
    private static final Pattern KEY = Pattern.compile("\\d+\\.\\d+\\.x-([a-z0-9-]+-)?scala2\\.1\\d");

    private RuntimeValidation() {
    }

    /**
     * {@code runtime} when it is complete and {@code key} (the service property) is its key.
     *
     * @throws IllegalArgumentException
     *             naming what is wrong
     */
    static SparkRuntime check(Object key, SparkRuntime runtime) {
        require(runtime != null, "no runtime described");
        require(key instanceof String && key.equals(runtime.key()), "service property " + RuntimeProvider.KEY_PROPERTY
                + " is " + key + ", not the runtime's key " + runtime.key());
        require(KEY.matcher(runtime.key()).matches(), "key " + runtime.key() + " is not of Databricks' form");
        runtime.aliases().forEach(alias -> require(alias != null && KEY.matcher(alias).matches(),
                "alias " + alias + " is not of Databricks' form"));
        require(present(runtime.sparkVersion()) && present(runtime.scalaVersion()) && present(runtime.deltaVersion()),
                "Spark, Scala and Delta versions are required");
        require(present(runtime.name()) && runtime.name().contains("Apache Spark " + runtime.sparkVersion())
                && runtime.name().contains("Scala " + runtime.scalaVersion()),
                "name " + runtime.name() + " does not include Apache Spark " + runtime.sparkVersion() + ", Scala "
                        + runtime.scalaVersion());
        require(runtime.key().endsWith("-scala" + runtime.scalaVersion()),
                "key " + runtime.key() + " does not end with -scala" + runtime.scalaVersion());
        require(!runtime.mavenCoordinates().isEmpty() && allPresent(runtime.mavenCoordinates()),
                "Maven coordinates are required");
        require(allPresent(runtime.driverJvmOptions()), "blank driver JVM option");
        return runtime;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static boolean allPresent(List<String> values) {
        return values.stream().allMatch(RuntimeValidation::present);
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}
