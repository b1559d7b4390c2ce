package org.brickworks.secrets.azure.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.secrets.api.dto.KeyVaultMetadata;

/** A scope's {@code backend_azure_keyvault.dns_name} as the vault's URL. */
final class VaultUrls {
    private VaultUrls() {
    }

    /**
     * @return {@code https://host[:port]/}
     * @throws BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} naming the field when the name is no HTTPS URL of a host
     */
    static String of(KeyVaultMetadata vault) {
        String dnsName = vault == null ? null : vault.dnsName();
        if (dnsName == null || dnsName.isBlank()) {
            throw BrickworksException.invalidParameter("backend_azure_keyvault.dns_name: the vault's URI is required,"
                    + " e.g. https://my-vault.vault.azure.net/");
        }
        try {
            URI uri = new URI(dnsName.strip());
            boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || !bare
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw notAVault(dnsName);
            }
            return "https://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + "/";
        } catch (URISyntaxException e) {
            throw notAVault(dnsName);
        }
    }

    private static BrickworksException notAVault(String dnsName) {
        return BrickworksException.invalidParameter("backend_azure_keyvault.dns_name: " + dnsName + " is not a vault's"
                + " URI, which looks like https://my-vault.vault.azure.net/");
    }
}
