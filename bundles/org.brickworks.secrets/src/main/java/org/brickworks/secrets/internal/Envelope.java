package org.brickworks.secrets.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;

/**
 * AES-256-GCM from the JDK: a sealed text is a random 12-byte nonce followed by the ciphertext and its 16-byte tag.
 * The associated data binds a sealed text to where it belongs (its scope and key), so one moved elsewhere in the
 * store fails authentication as a tampered one does. Thread-safe.
 */
final class Envelope {
    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Envelope() {
    }

    static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(KEY_BYTES * 8, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM has no AES-256", e);
        }
    }

    static SecretKey key(byte[] bytes) {
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("An AES-256 key has " + KEY_BYTES + " bytes, not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    static byte[] seal(SecretKey key, byte[] plain, String boundTo) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to encrypt", e);
        }
    }

    /**
     * @throws BrickworksException
     *             INTERNAL_ERROR when the sealed text is not authentic: changed, moved, or sealed under another key
     */
    static byte[] open(SecretKey key, byte[] sealed, String boundTo) {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw notAuthentic(boundTo, null);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw notAuthentic(boundTo, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to decrypt", e);
        }
    }

    private static BrickworksException notAuthentic(String boundTo, Exception cause) {
        return new BrickworksException(ErrorCode.INTERNAL_ERROR, "The encrypted secret data of " + boundTo
                + " failed authentication: the store was changed outside the platform, or the master key is not the"
                + " one it was written with", cause);
    }
}
