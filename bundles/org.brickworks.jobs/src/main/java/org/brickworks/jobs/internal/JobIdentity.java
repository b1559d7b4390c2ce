package org.brickworks.jobs.internal;

import java.util.Map;

import org.brickworks.core.api.BrickworksException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whom a job's runs execute as: its settings' {@code run_as} ({@code user_name} or {@code service_principal_name}),
 * else its owner, the creator.
 */
final class JobIdentity {
    private JobIdentity() {
    }

    /** The {@code run_as} of settings, null when they have none; refuses a {@code run_as} naming not exactly one. */
    static String runAs(Map<String, Object> settings) {
        if (!(settings.get("run_as") instanceof Map<?, ?> runAs)) {
            if (settings.get("run_as") != null) {
                throw BrickworksException.invalidParameter("run_as must be an object with user_name or"
                        + " service_principal_name");
            }
            return null;
        }
        Object user = runAs.get("user_name");
        Object principal = runAs.get("service_principal_name");
        if ((user == null) == (principal == null) || !(user instanceof String || principal instanceof String)) {
            throw BrickworksException.invalidParameter("run_as names exactly one of user_name and"
                    + " service_principal_name, as a string");
        }
        return (String) (user != null ? user : principal);
    }

    /** The identity runs of a job with {@code settings} created by {@code creator} execute as. */
    static String of(JsonNode settings, String creator) {
        JsonNode runAs = settings.path("run_as");
        String name = runAs.path("user_name").asText(runAs.path("service_principal_name").asText(""));
        return name.isEmpty() ? creator : name;
    }
}
