package org.brickworks.secrets.internal;

import java.util.Base64;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.secrets.api.CredentialSealer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Seals other areas' credentials with AES-256-GCM under the credentials data key of the encrypted store (wrapped by
 * the master key, rewrapped by its rotations), bound to their purpose. A sealed text is {@value CredentialSealer#PREFIX}
 * followed by the base64 of the nonce, ciphertext and tag. Thread-safe.
 */
@Component(service = CredentialSealer.class)
public class StoreCredentialSealer implements CredentialSealer {
    private final EncryptedStoreBackend keys;

    @Activate
    public StoreCredentialSealer(@Reference EncryptedStoreBackend keys) {
        this.keys = keys;
    }

    @Override
    public String seal(String purpose, byte[] plaintext) {
        return PREFIX + Base64.getEncoder().encodeToString(Envelope.seal(keys.credentialKey(), plaintext,
                boundTo(purpose)));
    }

    @Override
    public byte[] unseal(String purpose, String sealed) {
        if (!CredentialSealer.isSealed(sealed)) {
            throw new BrickworksException(ErrorCode.INTERNAL_ERROR, "The credential of " + purpose + " is not sealed");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new BrickworksException(ErrorCode.INTERNAL_ERROR, "The sealed credential of " + purpose
                    + " is not base64: the store was changed outside the platform", e);
        }
        return Envelope.open(keys.credentialKey(), bytes, boundTo(purpose));
    }

    private static String boundTo(String purpose) {
        return "credential for " + purpose;
    }
}
