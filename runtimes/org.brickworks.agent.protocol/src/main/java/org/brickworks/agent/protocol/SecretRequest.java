package org.brickworks.agent.protocol;

/**
 * {@code dbutils.secrets} from a context of the calling cluster, answered with the rights of the user who owns the
 * context ({@link SecretAnswer}): {@link PlatformPaths#SECRET_GET} reads {@code key} of {@code scope},
 * {@link PlatformPaths#SECRET_LIST} lists the keys of {@code scope}, {@link PlatformPaths#SECRET_SCOPES} the scopes.
 *
 * @param scope
 *            null for {@link PlatformPaths#SECRET_SCOPES}
 * @param key
 *            null but for {@link PlatformPaths#SECRET_GET}
 */
public record SecretRequest(String contextId, String scope, String key) {
}
