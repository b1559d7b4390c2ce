package org.brickworks.secrets.azure.internal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The Azure AD application and connection settings of {@link KeyVaultConfig}, checked.
 *
 * @param trustedCertificates
 *            a PEM file of certificates trusted besides the JDK's, or null
 */
record KeyVaultSettings(String tenantId, String clientId, String clientSecret, String authorityHost,
        Path trustedCertificates, boolean verifyChallengeResource, Duration timeout, int maxRetries) {
    /** Where an administrator sets these, for messages. */
    static final String FILE = "etc/" + KeyVaultBackend.PID + ".cfg";

    static KeyVaultSettings of(KeyVaultConfig config) {
        String trusted = config.trustedCertificates().strip();
        return new KeyVaultSettings(config.tenantId().strip(), config.clientId().strip(), config.clientSecret(),
                config.authorityHost().strip(), trusted.isEmpty() ? null : Path.of(trusted),
                config.verifyChallengeResource(), Duration.ofSeconds(Math.max(1, config.timeoutSeconds())),
                Math.max(0, config.maxRetries()));
    }

    /** Whether the application is named: tenant, client id and secret. */
    boolean hasCredential() {
        return !tenantId.isEmpty() && !clientId.isEmpty() && !clientSecret.isEmpty();
    }

    /** Never the client secret: this is logged. */
    @Override
    public String toString() {
        return "tenant " + tenantId + ", client " + clientId + " at " + authorityHost
                + (trustedCertificates == null ? "" : ", also trusting " + trustedCertificates);
    }
}
