package org.brickworks.secrets.azure.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.secrets.api.dto.SecretMetadata;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.ClientOptions;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;

/**
 * The vaults read with one Azure AD application: one SDK client per vault URL, made when first used, sharing the
 * credential (whose token cache MSAL keeps) and the JDK HTTP client. Thread-safe. Settings without a credential make
 * every call fail with {@code INVALID_STATE} saying what to configure.
 */
final class KeyVaults {
    /** Key Vault's secret names: a Databricks key outside them cannot be in a vault. */
    private static final Pattern SECRET_NAME = Pattern.compile("[0-9a-zA-Z-]{1,127}");

    private final KeyVaultSettings settings;
    private final String unusable;
    private final TokenCredential credential;
    private final HttpClient http;
    private final RetryOptions retries;
    private final Map<String, SecretClient> clients = new ConcurrentHashMap<>();

    KeyVaults(KeyVaultSettings settings) {
        this.settings = settings;
        this.retries = new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(settings.maxRetries())
                .setBaseDelay(Duration.ofMillis(200)).setMaxDelay(Duration.ofSeconds(2)));
        String problem = settings.hasCredential() ? null
                : "Azure Key Vault scopes need the platform's Azure AD application: set tenantId, clientId and"
                        + " clientSecret in " + KeyVaultSettings.FILE;
        HttpClient client = null;
        TokenCredential token = null;
        if (problem == null) {
            try {
                client = withBundleLoader(this::httpClient);
                HttpClient built = client;
                token = withBundleLoader(() -> new ClientSecretCredentialBuilder().tenantId(settings.tenantId())
                        .clientId(settings.clientId()).clientSecret(settings.clientSecret())
                        .authorityHost(settings.authorityHost()).disableInstanceDiscovery().httpClient(built)
                        .maxRetry(settings.maxRetries()).build());
            } catch (IllegalArgumentException e) {
                problem = "The Azure Key Vault settings in " + KeyVaultSettings.FILE + " are wrong: " + e.getMessage();
            }
        }
        this.unusable = problem;
        this.http = client;
        this.credential = token;
    }

    /** Why no vault can be read with these settings, or null. */
    String unusable() {
        return unusable;
    }

    /** The enabled secrets of the vault, by name. */
    List<SecretMetadata> list(String vault) {
        return call(vault, () -> {
            List<SecretMetadata> secrets = new ArrayList<>();
            for (SecretProperties secret : client(vault).listPropertiesOfSecrets()) {
                if (!Boolean.FALSE.equals(secret.isEnabled())) {
                    OffsetDateTime updated = secret.getUpdatedOn() != null ? secret.getUpdatedOn()
                            : secret.getCreatedOn();
                    secrets.add(new SecretMetadata(secret.getName(),
                            updated == null ? 0 : updated.toInstant().toEpochMilli()));
                }
            }
            secrets.sort(Comparator.comparing(SecretMetadata::key));
            return secrets;
        });
    }

    /** The latest value of a secret as UTF-8; empty when the vault has no such enabled secret. */
    Optional<byte[]> get(String vault, String key) {
        if (!SECRET_NAME.matcher(key).matches()) {
            return Optional.empty();
        }
        return call(vault, () -> {
            try {
                KeyVaultSecret secret = client(vault).getSecret(key);
                return Optional.ofNullable(secret.getValue()).map(v -> v.getBytes(StandardCharsets.UTF_8));
            } catch (ResourceNotFoundException e) {
                return Optional.empty();
            } catch (HttpResponseException e) {
                if (e.getResponse() != null && e.getResponse().getStatusCode() == 403
                        && String.valueOf(e.getMessage()).contains("disabled")) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    private <T> T call(String vault, Supplier<T> work) {
        if (unusable != null) {
            throw new BrickworksException(ErrorCode.INVALID_STATE, unusable);
        }
        try {
            return withBundleLoader(work);
        } catch (RuntimeException e) {
            throw KeyVaultErrors.translate(vault, e);
        }
    }

    private SecretClient client(String vault) {
        return clients.computeIfAbsent(vault, url -> {
            SecretClientBuilder builder = new SecretClientBuilder().vaultUrl(url).credential(credential)
                    .httpClient(http).retryOptions(retries)
                    .clientOptions(new ClientOptions().setApplicationId("brickworks"));
            if (!settings.verifyChallengeResource()) {
                builder.disableChallengeResourceVerification();
            }
            return builder.buildClient();
        });
    }

    private HttpClient httpClient() {
        java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
        if (settings.trustedCertificates() != null) {
            jdk.sslContext(TrustedCertificates.sslContext(settings.trustedCertificates()));
        }
        return new JdkHttpClientBuilder(jdk).connectionTimeout(settings.timeout()).responseTimeout(settings.timeout())
                .readTimeout(settings.timeout()).build();
    }

    /** The SDK finds some of its providers through the context class loader: make it this bundle's. */
    private static <T> T withBundleLoader(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(KeyVaults.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
