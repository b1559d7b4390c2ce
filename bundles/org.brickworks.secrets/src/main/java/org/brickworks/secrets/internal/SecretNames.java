package org.brickworks.secrets.internal;

import java.util.regex.Pattern;

import org.brickworks.core.api.BrickworksException;

/** The names Databricks accepts for scopes, keys and principals; a bad one is refused naming its field. */
final class SecretNames {
    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9_.@-]{1,128}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    private static final int MAX_PRINCIPAL = 255;

    private SecretNames() {
    }

    static String scope(String scope) {
        required(scope, "scope");
        if (!SCOPE.matcher(scope).matches()) {
            throw BrickworksException.invalidParameter("scope: '" + scope + "' is not a valid scope name: use at most"
                    + " 128 letters, digits, dashes, underscores, periods and @");
        }
        return scope;
    }

    static String key(String key) {
        required(key, "key");
        if (!KEY.matcher(key).matches()) {
            throw BrickworksException.invalidParameter("key: '" + key + "' is not a valid secret key: use at most 128"
                    + " letters, digits, dashes, underscores and periods");
        }
        return key;
    }

    static String principal(String principal) {
        required(principal, "principal");
        if (principal.isBlank() || principal.length() > MAX_PRINCIPAL) {
            throw BrickworksException.invalidParameter("principal: give a user or group name of at most "
                    + MAX_PRINCIPAL + " characters");
        }
        return principal;
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw BrickworksException.invalidParameter("Missing required field: " + field);
        }
        return value;
    }
}
