package org.brickworks.secrets.api.dto;

/**
 * A secret scope as Databricks lists it.
 *
 * @param backendType
 *            {@value #DATABRICKS} (the platform's own encrypted store), {@value #AZURE_KEYVAULT}, or the type of a
 *            plugin's {@link org.brickworks.secrets.api.SecretBackend}
 * @param keyvaultMetadata
 *            the vault of an {@value #AZURE_KEYVAULT} scope, else null
 */
public record SecretScope(String name, String backendType, KeyVaultMetadata keyvaultMetadata) {
    public static final String DATABRICKS = "DATABRICKS";
    public static final String AZURE_KEYVAULT = "AZURE_KEYVAULT";
}
