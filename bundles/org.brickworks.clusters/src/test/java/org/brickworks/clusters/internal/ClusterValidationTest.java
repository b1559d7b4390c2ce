package org.brickworks.clusters.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.junit.jupiter.api.Test;

class ClusterValidationTest {
    private static final String VERSION = "15.4.x-scala2.12";

    @Test
    void acceptsAFullSpec() {
        assertThatCode(() -> ClusterValidation.validate(new ClusterSpec("etl", VERSION, "local-medium", 2,
                Map.of("spark.sql.shuffle.partitions", "8"), Map.of("PYSPARK_PYTHON", "/usr/bin/python3"), 30,
                Map.of("team", "data"), null, null))).doesNotThrowAnyException();
    }

    @Test
    void refusesNegativeWorkers() {
        assertInvalid(new ClusterSpec("etl", VERSION, null, -1, Map.of(), Map.of(), 0, Map.of(), null, null),
                "num_workers");
    }

    @Test
    void refusesMalformedSparkConf() {
        assertInvalid(spec(Map.of("spark.x --conf y", "1"), Map.of()), "spark_conf");
        assertInvalid(spec(Map.of("", "1"), Map.of()), "spark_conf");
        assertInvalid(spec(Map.of("spark.x", "a\nb"), Map.of()), "spark_conf");
    }

    @Test
    void refusesMalformedEnvironmentVariables() {
        assertInvalid(spec(Map.of(), Map.of("1BAD", "x")), "spark_env_vars");
    }

    @Test
    void refusesMissingNameOrVersion() {
        assertInvalid(ClusterSpec.of(" ", VERSION), "cluster_name");
        assertInvalid(ClusterSpec.of("etl", null), "spark_version");
    }

    private static ClusterSpec spec(Map<String, String> conf, Map<String, String> env) {
        return new ClusterSpec("etl", VERSION, null, 0, conf, env, 0, Map.of(), null, null);
    }

    private static void assertInvalid(ClusterSpec spec, String field) {
        assertThatThrownBy(() -> ClusterValidation.validate(spec)).isInstanceOf(BrickworksException.class)
                .hasMessageContaining(field).extracting(e -> ((BrickworksException) e).errorCode())
                .isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    }
}
