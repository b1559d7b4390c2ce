package org.brickworks.clusters.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.core.api.BrickworksException;

/**
 * {@code {{secrets/<scope>/<key>}}} references in a cluster's {@code spark_conf} and {@code spark_env_vars} values,
 * resolved when its driver starts: the stored spec keeps the reference, only the driver's conf file and process
 * environment get the value. A reference that cannot be read (unknown scope or key, no {@code READ} for the cluster's
 * creator) fails the start with {@value #FAILURE_CODE} naming the reference and the setting, never the value.
 * Stateless.
 */
final class SecretReferences {
    /** The termination code of a start whose references could not be resolved (Databricks' own). */
    static final String FAILURE_CODE = "SECRET_RESOLUTION_ERROR";
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{secrets/([^/{}\\s]+)/([^/{}\\s]+)}}");

    /** Reads a secret's value as a user: {@link org.brickworks.secrets.api.SecretService#get}. */
    @FunctionalInterface
    interface Reader {
        byte[] get(String user, String scope, String key);
    }

    private SecretReferences() {
    }

    /** Whether the spec refers to any secret. */
    static boolean any(ClusterSpec spec) {
        return spec.sparkConf().values().stream().anyMatch(value -> REFERENCE.matcher(value).find())
                || spec.sparkEnvVars().values().stream().anyMatch(value -> REFERENCE.matcher(value).find());
    }

    /**
     * {@code spec} with its references replaced by the values {@code user} reads.
     *
     * @throws DriverLaunching.StartFailure
     *             naming the first reference that could not be read and why
     */
    static ClusterSpec resolve(ClusterSpec spec, String user, Reader secrets) throws DriverLaunching.StartFailure {
        if (!any(spec)) {
            return spec;
        }
        return new ClusterSpec(spec.clusterName(), spec.sparkVersion(), spec.nodeTypeId(), spec.numWorkers(),
                resolve("spark_conf", spec.sparkConf(), user, secrets),
                resolve("spark_env_vars", spec.sparkEnvVars(), user, secrets), spec.autoterminationMinutes(),
                spec.customTags(), spec.autoscale(), spec.instancePoolId());
    }

    private static Map<String, String> resolve(String field, Map<String, String> settings, String user,
            Reader secrets) throws DriverLaunching.StartFailure {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            Matcher matcher = REFERENCE.matcher(setting.getValue());
            StringBuilder value = new StringBuilder();
            while (matcher.find()) {
                String secret;
                try {
                    secret = new String(secrets.get(user, matcher.group(1), matcher.group(2)), StandardCharsets.UTF_8);
                } catch (BrickworksException e) {
                    throw new DriverLaunching.StartFailure(FAILURE_CODE, "Cannot resolve " + matcher.group()
                            + " in " + field + " " + setting.getKey() + " with the rights of " + user + ": "
                            + e.errorCode() + ": " + e.getMessage());
                }
                matcher.appendReplacement(value, Matcher.quoteReplacement(secret));
            }
            matcher.appendTail(value);
            resolved.put(setting.getKey(), value.toString());
        }
        return resolved;
    }
}
