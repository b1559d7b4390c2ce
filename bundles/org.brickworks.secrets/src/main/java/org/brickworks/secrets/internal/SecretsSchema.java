package org.brickworks.secrets.internal;

import java.util.List;

/**
 * The secrets area's schema migrations, append-only; portable between H2 and PostgreSQL (binary data as base64 text).
 */
final class SecretsSchema {
    static final String AREA = "secrets";

    static final List<String> MIGRATIONS = List.of(
            "CREATE TABLE secret_scopes (name VARCHAR(128) PRIMARY KEY, backend_type VARCHAR(64) NOT NULL,"
                    + " keyvault_resource_id VARCHAR(1024), keyvault_dns_name VARCHAR(1024),"
                    + " creator VARCHAR(255) NOT NULL, created_time BIGINT NOT NULL)",
            "CREATE TABLE secret_acls (scope_name VARCHAR(128) NOT NULL, principal VARCHAR(255) NOT NULL,"
                    + " permission VARCHAR(16) NOT NULL, PRIMARY KEY (scope_name, principal))",
            // The encrypted store's: each scope's data key, wrapped (AES-GCM) by the master key named by its id.
            "CREATE TABLE secret_data_keys (scope_name VARCHAR(128) PRIMARY KEY, master_key_id VARCHAR(32) NOT NULL,"
                    + " wrapped_key VARCHAR(256) NOT NULL)",
            // Values sealed by their scope's data key: base64 of the 12-byte nonce and the ciphertext with its tag.
            "CREATE TABLE secret_values (scope_name VARCHAR(128) NOT NULL, secret_key VARCHAR(128) NOT NULL,"
                    + " sealed VARCHAR NOT NULL, last_updated BIGINT NOT NULL, PRIMARY KEY (scope_name, secret_key))",
            // The data keys of the credentials other areas seal (CredentialSealer), wrapped as the scopes' are.
            "CREATE TABLE secret_credential_keys (name VARCHAR(64) PRIMARY KEY, master_key_id VARCHAR(32) NOT NULL,"
                    + " wrapped_key VARCHAR(256) NOT NULL)");

    private SecretsSchema() {
    }
}
