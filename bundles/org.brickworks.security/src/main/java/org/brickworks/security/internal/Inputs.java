package org.brickworks.security.internal;

import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.security.api.UserService;

/** Checks of what callers send, each naming the field it refuses. */
final class Inputs {
    static final int MAX_NAME = 255;

    private Inputs() {
    }

    /** A user name: 1 to 255 characters, no white space or control characters. */
    static String userName(String value) {
        String name = required(value, "userName");
        if (name.chars().anyMatch(ch -> Character.isWhitespace(ch) || Character.isISOControl(ch))) {
            throw BrickworksException.invalidParameter("userName must not contain white space: " + name);
        }
        return name;
    }

    /** A service principal's application id: a UUID, lower case. */
    static String applicationId(String value) {
        String id = required(value, "applicationId");
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw BrickworksException.invalidParameter("applicationId must be a UUID, got " + id);
        }
    }

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw BrickworksException.invalidParameter("Missing required field: " + field);
        }
        return optional(value.strip(), field);
    }

    static String optional(String value, String field) {
        if (value != null && value.length() > MAX_NAME) {
            throw BrickworksException.invalidParameter(field + " is longer than " + MAX_NAME + " characters");
        }
        return value;
    }

    static Set<String> entitlements(Set<String> values) {
        for (String value : values) {
            if (!UserService.ENTITLEMENTS.contains(value)) {
                throw BrickworksException.invalidParameter("entitlements: unknown entitlement " + value + "; known: "
                        + new TreeSet<>(UserService.ENTITLEMENTS));
            }
        }
        return values;
    }

    static char[] password(char[] password) {
        if (password == null || password.length < 8) {
            throw BrickworksException.invalidParameter("password must have at least 8 characters");
        }
        if (password.length > 1024) {
            throw BrickworksException.invalidParameter("password is longer than 1024 characters");
        }
        return password;
    }
}
