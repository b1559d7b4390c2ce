package org.brickworks.store.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The JDBC metadata store (embedded H2 by default, PostgreSQL when configured). Thread-safe. Connections never escape a
 * call: work runs inside it and the connection goes back to the pool.
 */
@ProviderType
public interface Store {
    /** Service property telling the store the areas reference from the implementations behind it. */
    String ROLE_PROPERTY = "brickworks.store";
    /**
     * Target filter of the store an area references: the store API bundle's, which stays registered while the store
     * bundle is updated or reconfigured and forwards each call to the implementation of the moment.
     */
    String SHARED = "(" + ROLE_PROPERTY + "=shared)";
    /** Filter of a store implementation; one registers with {@value #ROLE_PROPERTY}{@code =provider}. */
    String PROVIDER = "(" + ROLE_PROPERTY + "=provider)";

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     *
     * @throws StoreException
     *             wrapping the {@link java.sql.SQLException} of a failed transaction
     */
    <T> T transaction(SqlWork<T> work);

    /**
     * Brings {@code area}'s schema to {@code migrations.size()}: statement {@code i} (0-based) is schema version
     * {@code i + 1}; those not yet applied run in order, each in its own transaction with the recorded version.
     * Migrations are append-only: an area never edits one that shipped.
     */
    void migrate(String area, List<String> migrations);

    /** The database product this store talks to, e.g. {@code H2 2.3.232}. */
    String describe();
}
