/**
 * Secrets: scopes of named secret values with their access control lists (Databricks' Secrets API), served by the
 * {@link org.brickworks.secrets.api.SecretService}, and the {@link org.brickworks.secrets.api.SecretBackend} whiteboard
 * through which plugins keep a kind of scope's values elsewhere (an Azure Key Vault), and the
 * {@link org.brickworks.secrets.api.CredentialSealer} other areas seal the credentials they store with.
 */
@Export
@Version("0.2.0")
package org.brickworks.secrets.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
