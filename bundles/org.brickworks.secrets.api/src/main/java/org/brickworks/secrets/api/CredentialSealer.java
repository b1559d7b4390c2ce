package org.brickworks.secrets.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Seals the credentials other areas keep in the store (a mount's account keys and SAS tokens): AES-256-GCM under a
 * credentials data key of the secrets area, itself wrapped by the master key that never enters the store, so
 * {@code bw:secrets-rotate-key} rewraps it with the scopes' keys. A sealed text is bound to its {@code purpose}
 * (AES-GCM associated data): opened for another purpose it fails as a tampered one does. Sealed texts are printable
 * ASCII, always start with {@value #PREFIX} and never contain the plaintext. Thread-safe.
 *
 * @since 0.2
 */
@ProviderType
public interface CredentialSealer {
    /** What every sealed text starts with: a stored value without it is plaintext from before sealing. */
    String PREFIX = "sealed:1:";

    /**
     * @param purpose
     *            where the credential belongs, e.g. {@code dbfs mount /mnt/raw}; the same text must open it
     * @return the sealed text, starting with {@value #PREFIX}
     */
    String seal(String purpose, byte[] plaintext);

    /**
     * @throws org.brickworks.core.api.BrickworksException
     *             INTERNAL_ERROR when {@code sealed} is not authentic for {@code purpose}: changed, moved to another
     *             purpose, or sealed under a key this platform does not have
     */
    byte[] unseal(String purpose, String sealed);

    /** Whether a stored text is sealed (rather than plaintext written before sealing existed). */
    static boolean isSealed(String text) {
        return text != null && text.startsWith(PREFIX);
    }
}
