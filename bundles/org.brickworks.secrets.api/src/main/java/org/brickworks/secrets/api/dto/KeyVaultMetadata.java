package org.brickworks.secrets.api.dto;

/**
 * Where an Azure Key Vault–backed scope keeps its secrets (Databricks' {@code backend_azure_keyvault}).
 *
 * @param resourceId
 *            the vault's Azure resource id
 * @param dnsName
 *            the vault's URI, e.g. {@code https://my-vault.vault.azure.net/}
 */
public record KeyVaultMetadata(String resourceId, String dnsName) {
}
