package org.brickworks.secrets.azure.internal;

import java.util.List;
import java.util.Optional;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.secrets.api.SecretBackend;
import org.brickworks.secrets.api.dto.SecretMetadata;
import org.brickworks.secrets.api.dto.SecretScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Azure Key Vault–backed scopes ({@code AZURE_KEYVAULT}): a scope is the vault at its {@code dns_name}, its secrets
 * the vault's enabled secrets, read with the Azure SDK ({@code azure-security-keyvault-secrets}) as the Azure AD
 * application of {@link KeyVaultConfig} (client credentials). As in Databricks, such scopes are read-only through the
 * platform: secrets are put and deleted in the vault with Azure's own tools. A configuration change applies to the next
 * call.
 */
@Component(configurationPid = KeyVaultBackend.PID,
        property = SecretBackend.TYPE + "=" + SecretScope.AZURE_KEYVAULT)
@Designate(ocd = KeyVaultConfig.class)
public class KeyVaultBackend implements SecretBackend {
    static final String PID = "org.brickworks.secrets.azure";
    private static final Logger LOG = LoggerFactory.getLogger(KeyVaultBackend.class);

    private volatile KeyVaults vaults;

    @Activate
    public KeyVaultBackend(KeyVaultConfig config) {
        this(KeyVaultSettings.of(config));
    }

    KeyVaultBackend(KeyVaultSettings settings) {
        configure(settings);
    }

    @Modified
    void modified(KeyVaultConfig config) {
        configure(KeyVaultSettings.of(config));
    }

    private void configure(KeyVaultSettings settings) {
        KeyVaults configured = new KeyVaults(settings);
        vaults = configured;
        if (configured.unusable() == null) {
            LOG.info("Azure Key Vault scopes are read as the Azure AD application of {}", settings);
        } else {
            LOG.info("Azure Key Vault scopes cannot be read: {}", configured.unusable());
        }
    }

    @Override
    public void createScope(SecretScope scope) {
        VaultUrls.of(scope.keyvaultMetadata());
        String unusable = vaults.unusable();
        if (unusable != null) {
            throw new BrickworksException(ErrorCode.INVALID_STATE, unusable);
        }
    }

    @Override
    public void deleteScope(SecretScope scope) {
        // The vault's secrets are the vault's: deleting the scope only forgets it.
    }

    @Override
    public void put(SecretScope scope, String key, byte[] value) {
        throw readOnly("write secrets to", scope);
    }

    @Override
    public List<SecretMetadata> list(SecretScope scope) {
        return vaults.list(VaultUrls.of(scope.keyvaultMetadata()));
    }

    @Override
    public Optional<byte[]> get(SecretScope scope, String key) {
        return vaults.get(VaultUrls.of(scope.keyvaultMetadata()), key);
    }

    @Override
    public boolean delete(SecretScope scope, String key) {
        throw readOnly("delete secrets from", scope);
    }

    private static BrickworksException readOnly(String what, SecretScope scope) {
        return BrickworksException.invalidParameter("Cannot " + what + " Azure Key Vault-backed scope " + scope.name()
                + ": it is read-only here; change the secrets of the vault " + scope.keyvaultMetadata().dnsName()
                + " with Azure's own tools (portal, az keyvault secret set)");
    }
}
