package org.brickworks.secrets.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.secrets.api.dto.KeyVaultMetadata;
import org.brickworks.secrets.api.dto.SecretScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the backend decides without a vault, and a vault out of reach through the real Azure SDK. Reading a vault is
 * contract-tested end to end by {@code SecretsKeyVaultIT} against an in-test Key Vault server.
 */
class KeyVaultBackendTest {
    private static final String RESOURCE_ID = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault"
            + "/vaults/team";

    @Test
    void putAndDeleteAreRefusedAsDatabricksRefusesThemForKeyVaultScopes() {
        KeyVaultBackend backend = new KeyVaultBackend(settings("secret", null));
        SecretScope scope = scope("https://team.vault.azure.net/");
        assertThatThrownBy(() -> backend.put(scope, "k", new byte[] { 1 })).isInstanceOf(BrickworksException.class)
                .extracting(e -> ((BrickworksException) e).errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
        assertThatThrownBy(() -> backend.delete(scope, "k")).hasMessage("Cannot delete secrets from Azure Key"
                + " Vault-backed scope kv: it is read-only here; change the secrets of the vault"
                + " https://team.vault.azure.net/ with Azure's own tools (portal, az keyvault secret set)");
    }

    @Test
    void aScopeNeedsAnHttpsVaultUriAndTheConfiguredApplication() {
        KeyVaultBackend backend = new KeyVaultBackend(settings("secret", null));
        backend.createScope(scope("https://Team.vault.azure.net"));
        for (String bad : new String[] { "http://team.vault.azure.net/", "https://team.vault.azure.net/secrets",
                "team.vault.azure.net", "https://team.vault.azure.net/?x=1", " " }) {
            assertThatThrownBy(() -> backend.createScope(scope(bad))).as(bad)
                    .hasMessageStartingWith("backend_azure_keyvault.dns_name: ");
        }
        assertThat(VaultUrls.of(new KeyVaultMetadata(RESOURCE_ID, "https://Team.vault.azure.net:443")))
                .isEqualTo("https://team.vault.azure.net:443/");

        KeyVaultBackend unconfigured = new KeyVaultBackend(settings("", null));
        assertThatThrownBy(() -> unconfigured.createScope(scope("https://team.vault.azure.net/")))
                .hasMessage("Azure Key Vault scopes need the platform's Azure AD application: set tenantId, clientId"
                        + " and clientSecret in etc/org.brickworks.secrets.azure.cfg");
        assertThatThrownBy(() -> unconfigured.list(scope("https://team.vault.azure.net/")))
                .extracting(e -> ((BrickworksException) e).errorCode()).isEqualTo(ErrorCode.INVALID_STATE);
    }

    @Test
    void trustedCertificatesThatAreNoCertificatesAreNamedOnEveryCall(@TempDir Path folder) throws IOException {
        Path pem = Files.writeString(folder.resolve("ca.pem"), "not a certificate");
        KeyVaultBackend backend = new KeyVaultBackend(settings("secret", pem));
        assertThatThrownBy(() -> backend.get(scope("https://team.vault.azure.net/"), "k"))
                .hasMessageStartingWith("The Azure Key Vault settings in etc/org.brickworks.secrets.azure.cfg are"
                        + " wrong: trustedCertificates: ")
                .hasMessageContaining(pem.toString());
    }

    @Test
    void aVaultOutOfReachIsTemporarilyUnavailable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        KeyVaultBackend backend = new KeyVaultBackend(settings("secret", null));
        String vault = "https://127.0.0.1:" + closed + "/";
        assertThatThrownBy(() -> backend.list(scope(vault))).isInstanceOf(BrickworksException.class)
                .hasMessage("The Azure Key Vault " + vault + " or Azure AD cannot be reached: connection refused")
                .extracting(e -> ((BrickworksException) e).errorCode()).isEqualTo(ErrorCode.TEMPORARILY_UNAVAILABLE);
        assertThat(backend.get(scope(vault), "not_a_vault_name")).isEmpty();
    }

    private static SecretScope scope(String dnsName) {
        return new SecretScope("kv", SecretScope.AZURE_KEYVAULT, new KeyVaultMetadata(RESOURCE_ID, dnsName));
    }

    private static KeyVaultSettings settings(String clientSecret, Path trusted) {
        return new KeyVaultSettings("tenant", "client", clientSecret, "https://login.microsoftonline.com/", trusted,
                true, Duration.ofSeconds(2), 0);
    }
}
