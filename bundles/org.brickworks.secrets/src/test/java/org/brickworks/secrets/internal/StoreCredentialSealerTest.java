package org.brickworks.secrets.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.secrets.api.CredentialSealer;
import org.brickworks.secrets.api.dto.SecretScope;
import org.brickworks.test.support.H2TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCredentialSealerTest {
    private static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq==";
    private static final String PURPOSE = "dbfs mount /mnt/raw";

    @TempDir
    Path folder;
    private H2TestStore store;
    private Path keyFile;
    private EncryptedStoreBackend backend;
    private StoreCredentialSealer sealer;

    @BeforeEach
    void open() {
        store = new H2TestStore(folder);
        keyFile = folder.resolve("etc").resolve(EncryptedStoreBackend.KEY_FILE);
        backend = restarted();
        sealer = new StoreCredentialSealer(backend);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private EncryptedStoreBackend restarted() {
        return new EncryptedStoreBackend(store, MasterKeys.open(keyFile, null), Clock.systemUTC());
    }

    @Test
    void aSealedCredentialOpensForItsPurposeAndHoldsNoPlaintext() {
        String sealed = sealer.seal(PURPOSE, bytes(KEY));

        assertThat(sealed).startsWith(CredentialSealer.PREFIX).doesNotContain(KEY);
        assertThat(CredentialSealer.isSealed(sealed)).isTrue();
        assertThat(CredentialSealer.isSealed("{\"k\":\"v\"}")).isFalse();
        assertThat(new String(sealer.unseal(PURPOSE, sealed), StandardCharsets.UTF_8)).isEqualTo(KEY);
        assertThat(sealer.seal(PURPOSE, bytes(KEY))).as("a fresh nonce each time").isNotEqualTo(sealed);
    }

    @Test
    void anotherPurposeFailsAuthentication() {
        String sealed = sealer.seal(PURPOSE, bytes(KEY));

        assertThatThrownBy(() -> sealer.unseal("dbfs mount /mnt/other", sealed))
                .isInstanceOfSatisfying(BrickworksException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INTERNAL_ERROR))
                .hasMessageContaining("failed authentication");
    }

    @Test
    void aChangedOrUnsealedTextIsRefused() {
        byte[] raw = Base64.getDecoder().decode(sealer.seal(PURPOSE, bytes(KEY)).substring(
                CredentialSealer.PREFIX.length()));
        raw[raw.length - 1] ^= 1;

        assertThatThrownBy(() -> sealer.unseal(PURPOSE, CredentialSealer.PREFIX + Base64.getEncoder()
                .encodeToString(raw))).hasMessageContaining("failed authentication");
        assertThatThrownBy(() -> sealer.unseal(PURPOSE, KEY)).hasMessageContaining("not sealed");
    }

    @Test
    void theCredentialsKeyIsWrappedByTheMasterKeyAndKeptAcrossRestarts() throws Exception {
        String sealed = sealer.seal(PURPOSE, bytes(KEY));

        String masterKey = Files.readAllLines(keyFile).get(1);
        assertThat(String.valueOf(store.queryValue("SELECT wrapped_key FROM secret_credential_keys")))
                .doesNotContain(masterKey);
        assertThat(store.queryValue("SELECT COUNT(*) FROM secret_credential_keys")).isEqualTo(1L);
        assertThat(new StoreCredentialSealer(restarted()).unseal(PURPOSE, sealed)).isEqualTo(bytes(KEY));
    }

    @Test
    void rotationRewrapsTheCredentialsKeyWithTheScopesAndKeepsUnsealing() throws Exception {
        backend.createScope(new SecretScope("team", SecretScope.DATABRICKS, null));
        String sealed = sealer.seal(PURPOSE, bytes(KEY));

        assertThat(backend.rotate()).isEqualTo(2);

        assertThat(store.queryValue("SELECT master_key_id FROM secret_credential_keys"))
                .isEqualTo(backend.currentMasterKeyId());
        assertThat(Files.readAllLines(keyFile).stream().filter(l -> !l.startsWith("#"))).hasSize(1);
        assertThat(sealer.unseal(PURPOSE, sealed)).isEqualTo(bytes(KEY));
        assertThat(new StoreCredentialSealer(restarted()).unseal(PURPOSE, sealed)).isEqualTo(bytes(KEY));
    }

    @Test
    void anotherMasterKeyCannotUnseal() throws Exception {
        String sealed = sealer.seal(PURPOSE, bytes(KEY));
        Files.delete(keyFile);

        assertThatThrownBy(() -> new StoreCredentialSealer(restarted()).unseal(PURPOSE, sealed))
                .hasMessageContaining("not among the master keys");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
