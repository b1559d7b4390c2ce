package org.brickworks.clusters.internal;

import java.util.Map;
import java.util.regex.Pattern;

import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.core.api.BrickworksException;

/**
 * Checks a cluster spec before anything is created; the runtime registry checks {@code spark_version}, the launchers'
 * node types {@code node_type_id}.
 */
final class ClusterValidation {
    private static final Pattern CONF_KEY = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ClusterValidation() {
    }

    static void validate(ClusterSpec spec) {
        if (spec.clusterName() == null || spec.clusterName().isBlank()) {
            throw BrickworksException.invalidParameter("Missing required field: cluster_name");
        }
        if (spec.sparkVersion() == null || spec.sparkVersion().isBlank()) {
            throw BrickworksException.invalidParameter("Missing required field: spark_version");
        }
        if (spec.numWorkers() < 0) {
            throw BrickworksException
                    .invalidParameter("num_workers must be 0 or more, got " + spec.numWorkers());
        }
        if (spec.autoterminationMinutes() < 0) {
            throw BrickworksException.invalidParameter(
                    "autotermination_minutes must be 0 or more, got " + spec.autoterminationMinutes());
        }
        checkNames("spark_conf", spec.sparkConf(), CONF_KEY);
        checkNames("spark_env_vars", spec.sparkEnvVars(), ENV_NAME);
        checkNames("custom_tags", spec.customTags(), CONF_KEY);
    }

    /** Names go onto a driver's command line or environment: nothing that could split or smuggle an argument. */
    private static void checkNames(String field, Map<String, String> entries, Pattern names) {
        entries.forEach((name, value) -> {
            if (!names.matcher(name).matches()) {
                throw BrickworksException.invalidParameter("Invalid name in " + field + ": '" + name + "'");
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
                throw BrickworksException.invalidParameter("Invalid value in " + field + " for " + name
                        + ": line breaks and NUL characters are not allowed");
            }
        });
    }
}
