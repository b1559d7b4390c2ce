package org.brickworks.agent.dbutils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code dbutils.secrets}: the platform's secret scopes, read through the driver's call-back with the rights of the
 * user who owns this context ({@link PlatformCallback}): a scope that user may not read is an error naming
 * {@code PERMISSION_DENIED}, an unknown one {@code RESOURCE_DOES_NOT_EXIST}. The platform shows a value a command
 * prints as {@code [REDACTED]}; the value itself is the secret's.
 */
public final class SecretsUtils {

    private static final String MODULE = "secrets";

    private final String contextId;
    private final PlatformCallback platform;

    SecretsUtils(String contextId, PlatformCallback platform) {
        this.contextId = contextId;
        this.platform = platform;
    }

    /** The value of secret {@code key} in {@code scope}, as UTF-8 text. */
    public String get(String scope, String key) throws IOException, InterruptedException {
        return new String(getBytes(scope, key), StandardCharsets.UTF_8);
    }

    /** The value of secret {@code key} in {@code scope}. */
    public byte[] getBytes(String scope, String key) throws IOException, InterruptedException {
        return platform.secret(contextId, required(scope, "scope"), required(key, "key"));
    }

    /** The secrets of {@code scope}, without their values. */
    public SecretMetadata[] list(String scope) throws IOException, InterruptedException {
        return platform.secretKeys(contextId, required(scope, "scope")).stream().map(SecretMetadata::new)
                .toArray(SecretMetadata[]::new);
    }

    /** Every secret scope. */
    public SecretScope[] listScopes() throws IOException, InterruptedException {
        return platform.secretScopes(contextId).stream().map(SecretScope::new).toArray(SecretScope[]::new);
    }

    public void help() {
        DbUtilsHelp.print(MODULE, "");
    }

    public void help(String method) {
        DbUtilsHelp.print(MODULE, method);
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }

    /** One secret of {@code dbutils.secrets.list}: its key. */
    public record SecretMetadata(String key) {
        @Override
        public String toString() {
            return "SecretMetadata(" + key + ")";
        }
    }

    /** One scope of {@code dbutils.secrets.listScopes}: its name. */
    public record SecretScope(String name) {
        @Override
        public String toString() {
            return "SecretScope(" + name + ")";
        }
    }
}
