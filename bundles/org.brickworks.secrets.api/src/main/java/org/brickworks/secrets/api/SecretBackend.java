package org.brickworks.secrets.api;

import java.util.List;
import java.util.Optional;

import org.brickworks.secrets.api.dto.SecretMetadata;
import org.brickworks.secrets.api.dto.SecretScope;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where the secrets of one kind of scope are kept: a whiteboard service with the property {@value #TYPE} naming the
 * {@link SecretScope#backendType()} it serves ({@code DATABRICKS} is the platform's encrypted store). The secrets
 * service keeps the scopes and their ACLs and checks every right before it calls a backend; a backend only stores.
 * Implementations are thread-safe and throw {@link org.brickworks.core.api.BrickworksException}s users can act on.
 */
@ConsumerType
public interface SecretBackend {
    /** Service property: the scope backend type served, e.g. {@code AZURE_KEYVAULT}. */
    String TYPE = "brickworks.secrets.backend";

    /**
     * Prepares a new scope (checks its metadata, makes its keys) before the secrets service records it; fails with
     * {@code INVALID_PARAMETER_VALUE} for metadata this backend cannot serve.
     */
    void createScope(SecretScope scope);

    /** Forgets a scope's secrets (a vault's own secrets stay in the vault). */
    void deleteScope(SecretScope scope);

    /** Stores a value; a backend that is read-only from the platform refuses with {@code INVALID_PARAMETER_VALUE}. */
    void put(SecretScope scope, String key, byte[] value);

    List<SecretMetadata> list(SecretScope scope);

    Optional<byte[]> get(SecretScope scope, String key);

    /** @return whether there was such a secret */
    boolean delete(SecretScope scope, String key);
}
