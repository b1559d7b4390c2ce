package org.brickworks.secrets.api;

import java.util.List;

import org.brickworks.secrets.api.dto.AclItem;
import org.brickworks.secrets.api.dto.AclPermission;
import org.brickworks.secrets.api.dto.KeyVaultMetadata;
import org.brickworks.secrets.api.dto.SecretMetadata;
import org.brickworks.secrets.api.dto.SecretScope;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Secret scopes, their secrets and ACLs, with Databricks' rules: names of letters, digits, {@code -}, {@code _},
 * {@code .} (and {@code @} in scope names), at most 128 characters; values of at most 128 KB; at most 1,000 secrets
 * per scope. Every call is made as {@code user}, checked against the scope's ACL: listing and reading need
 * {@code READ}, putting and deleting secrets {@code WRITE}, ACLs and deleting the scope {@code MANAGE}; the creator of a
 * scope gets {@code MANAGE}, admins may do everything. Thread-safe.
 * <p>
 * Failures are {@link org.brickworks.core.api.BrickworksException}s: {@code INVALID_PARAMETER_VALUE} naming the field
 * (nothing is saved), {@code RESOURCE_DOES_NOT_EXIST}, {@code RESOURCE_ALREADY_EXISTS}, {@code PERMISSION_DENIED},
 * {@code MAX_SECRETS_PER_SCOPE_EXCEEDED}.
 */
@ProviderType
public interface SecretService {
    /** The largest secret value, in bytes. */
    int MAX_VALUE_BYTES = 128 * 1024;
    /** The most secrets one scope holds. */
    int MAX_SECRETS_PER_SCOPE = 1000;

    /**
     * Creates a scope; {@code user} gets {@code MANAGE} on it, or the group {@code users} does when
     * {@code initialManagePrincipal} is {@code users} (the one value Databricks accepts).
     *
     * @param backendType
     *            {@link SecretScope#DATABRICKS} when null
     * @param keyvault
     *            the vault of an {@link SecretScope#AZURE_KEYVAULT} scope, else null
     */
    void createScope(String user, String scope, String initialManagePrincipal, String backendType,
            KeyVaultMetadata keyvault);

    /** Every scope of the platform, by name. */
    List<SecretScope> listScopes(String user);

    /** Deletes a scope, its secrets and its ACLs. */
    void deleteScope(String user, String scope);

    /** Creates or replaces the secret {@code key} of {@code scope}. */
    void put(String user, String scope, String key, byte[] value);

    /** The secrets of a scope by key, without their values. */
    List<SecretMetadata> list(String user, String scope);

    void delete(String user, String scope, String key);

    /**
     * The value of a secret, for {@code dbutils.secrets.get} and {@code {{secrets/<scope>/<key>}}} references: the
     * caller needs {@code READ} on the scope.
     */
    byte[] get(String user, String scope, String key);

    /**
     * The values of every secret {@code user} may read, to mask in what a run of theirs prints. Built when asked: ask
     * again for a run that starts later.
     */
    Redaction redaction(String user);

    /** Gives {@code principal} (a user or group name) {@code permission} on a scope, replacing what it had. */
    void putAcl(String user, String scope, String principal, AclPermission permission);

    AclItem getAcl(String user, String scope, String principal);

    List<AclItem> listAcls(String user, String scope);

    void deleteAcl(String user, String scope, String principal);

    /**
     * Wraps every scope's data key under a new master key, atomically: when it fails, every secret stays readable
     * under the old key. Admins only.
     *
     * @return what was done, for the one line a shell shows
     */
    String rotateMasterKey(String user);
}
