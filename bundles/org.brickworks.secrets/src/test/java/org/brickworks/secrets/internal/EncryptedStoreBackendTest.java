package org.brickworks.secrets.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.secrets.api.SecretService;
import org.brickworks.secrets.api.dto.SecretScope;
import org.brickworks.store.api.SqlWork;
import org.brickworks.store.api.Store;
import org.brickworks.store.api.StoreException;
import org.brickworks.test.support.H2TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedStoreBackendTest {
    private static final SecretScope TEAM = new SecretScope("team", SecretScope.DATABRICKS, null);
    private static final SecretScope OPS = new SecretScope("ops", SecretScope.DATABRICKS, null);

    @TempDir
    Path folder;
    private H2TestStore store;
    private Path keyFile;
    private EncryptedStoreBackend backend;

    @BeforeEach
    void open() {
        store = new H2TestStore(folder);
        keyFile = folder.resolve("etc").resolve(EncryptedStoreBackend.KEY_FILE);
        backend = restarted(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private EncryptedStoreBackend restarted(Store on) {
        return new EncryptedStoreBackend(on, MasterKeys.open(keyFile, null), Clock.systemUTC());
    }

    @Test
    void theStoreHoldsNoPlaintextNorTheMasterKey() throws Exception {
        backend.createScope(TEAM);
        String value = "correct-horse-battery-staple";
        backend.put(TEAM, "password", value.getBytes(StandardCharsets.UTF_8));

        String raw = String.join("\n", rows("SELECT * FROM secret_values") + rows("SELECT * FROM secret_data_keys"));
        assertThat(raw).contains("password").doesNotContain(value)
                .doesNotContain(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        String masterKey = Files.readAllLines(keyFile).get(1);
        assertThat(raw).doesNotContain(masterKey);
        assertThat(new String(backend.get(TEAM, "password").orElseThrow(), StandardCharsets.UTF_8)).isEqualTo(value);
    }

    @Test
    void theMasterKeyFileIsCreatedOwnerOnlyAndReadAfterARestart() throws Exception {
        backend.createScope(TEAM);
        backend.put(TEAM, "k", new byte[] { 1, 2, 3 });

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(restarted(store).get(TEAM, "k")).hasValue(new byte[] { 1, 2, 3 });
    }

    @Test
    void aChangedCiphertextFailsAuthentication() {
        backend.createScope(TEAM);
        backend.put(TEAM, "k", "value".getBytes(StandardCharsets.UTF_8));
        byte[] sealed = Base64.getDecoder().decode((String) store.queryValue("SELECT sealed FROM secret_values"));
        sealed[sealed.length - 20] ^= 1;
        store.update("UPDATE secret_values SET sealed = ?", Base64.getEncoder().encodeToString(sealed));

        assertThatThrownBy(() -> backend.get(TEAM, "k")).isInstanceOfSatisfying(BrickworksException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INTERNAL_ERROR))
                .hasMessageContaining("failed authentication");
    }

    @Test
    void aCiphertextMovedToAnotherKeyFailsAuthentication() {
        backend.createScope(TEAM);
        backend.put(TEAM, "a", "aaa".getBytes(StandardCharsets.UTF_8));
        backend.put(TEAM, "b", "bbb".getBytes(StandardCharsets.UTF_8));
        Object sealedA = store.queryValue("SELECT sealed FROM secret_values WHERE secret_key = 'a'");
        store.update("UPDATE secret_values SET sealed = ? WHERE secret_key = 'b'", sealedA);

        assertThatThrownBy(() -> backend.get(TEAM, "b")).hasMessageContaining("failed authentication");
    }

    @Test
    void anotherMasterKeyCannotReadTheValues() throws Exception {
        backend.createScope(TEAM);
        backend.put(TEAM, "k", "v".getBytes(StandardCharsets.UTF_8));
        Files.delete(keyFile);

        assertThatThrownBy(() -> restarted(store).get(TEAM, "k")).isInstanceOf(BrickworksException.class)
                .hasMessageContaining("not among the master keys");
    }

    @Test
    void rotationKeepsEveryValueReadableAndForgetsTheOldKey() throws Exception {
        fill();
        String before = Files.readString(keyFile);
        String oldId = backend.currentMasterKeyId();

        assertThat(backend.rotate()).isEqualTo(2);

        assertThat(backend.currentMasterKeyId()).isNotEqualTo(oldId);
        assertThat(Files.readAllLines(keyFile).stream().filter(l -> !l.startsWith("#"))).hasSize(1)
                .noneMatch(before::contains);
        assertThat(store.queryValue("SELECT COUNT(*) FROM secret_data_keys WHERE master_key_id <> ?",
                backend.currentMasterKeyId())).isEqualTo(0L);
        assertReadable(backend);
        assertReadable(restarted(store));
    }

    @Test
    void aFailedRotationLeavesEverythingReadable() throws Exception {
        fill();
        String keysBefore = Files.readString(keyFile);
        Store failing = failingOnSecondRewrap(store);
        EncryptedStoreBackend onFailing = restarted(failing);

        assertThatThrownBy(onFailing::rotate).isInstanceOf(StoreException.class);

        assertThat(Files.readString(keyFile)).isEqualTo(keysBefore);
        assertReadable(onFailing);
        assertReadable(restarted(store));
        assertThat(onFailing.rotate()).isEqualTo(2);
        assertReadable(restarted(store));
    }

    @Test
    void theMasterKeyFromTheEnvironmentWinsAndIsNotRotatedHere() {
        String key = Base64.getEncoder().encodeToString(Envelope.newKey().getEncoded());
        Path unused = folder.resolve("other").resolve(EncryptedStoreBackend.KEY_FILE);
        EncryptedStoreBackend fromEnvironment = new EncryptedStoreBackend(store, MasterKeys.open(unused, key),
                Clock.systemUTC());
        fromEnvironment.createScope(TEAM);
        fromEnvironment.put(TEAM, "k", "v".getBytes(StandardCharsets.UTF_8));

        assertThat(unused).doesNotExist();
        assertThat(new EncryptedStoreBackend(store, MasterKeys.open(unused, key), Clock.systemUTC()).get(TEAM, "k"))
                .hasValue("v".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(fromEnvironment::rotate).hasMessageContaining(MasterKeys.ENVIRONMENT);
        assertThatThrownBy(() -> MasterKeys.open(unused, "c2hvcnQ=")).hasMessageContaining("32-byte");
    }

    @Test
    void aScopeHoldsAtMostAThousandSecrets() {
        backend.createScope(TEAM);
        for (int i = 0; i < SecretService.MAX_SECRETS_PER_SCOPE; i++) {
            backend.put(TEAM, "k" + i, new byte[] { (byte) i });
        }

        assertThatThrownBy(() -> backend.put(TEAM, "one-more", new byte[1])).isInstanceOfSatisfying(
                BrickworksException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MAX_SECRETS_PER_SCOPE_EXCEEDED));
        backend.put(TEAM, "k0", new byte[] { 42 });
        assertThat(backend.get(TEAM, "k0")).hasValue(new byte[] { 42 });
        assertThat(backend.list(TEAM)).hasSize(SecretService.MAX_SECRETS_PER_SCOPE);
    }

    @Test
    void deletingAScopeForgetsItsValuesAndItsDataKey() {
        fill();
        backend.deleteScope(TEAM);

        assertThat(store.queryValue("SELECT COUNT(*) FROM secret_values WHERE scope_name = 'team'")).isEqualTo(0L);
        assertThat(store.queryValue("SELECT COUNT(*) FROM secret_data_keys WHERE scope_name = 'team'"))
                .isEqualTo(0L);
        assertThat(backend.get(OPS, "token")).isPresent();
    }

    private void fill() {
        backend.createScope(TEAM);
        backend.createScope(OPS);
        backend.put(TEAM, "password", "p4ss".getBytes(StandardCharsets.UTF_8));
        backend.put(TEAM, "binary", new byte[] { 0, -1, 7 });
        backend.put(OPS, "token", "dapi-123".getBytes(StandardCharsets.UTF_8));
    }

    private static void assertReadable(EncryptedStoreBackend reader) {
        assertThat(reader.get(TEAM, "password")).hasValue("p4ss".getBytes(StandardCharsets.UTF_8));
        assertThat(reader.get(TEAM, "binary")).hasValue(new byte[] { 0, -1, 7 });
        assertThat(reader.get(OPS, "token")).hasValue("dapi-123".getBytes(StandardCharsets.UTF_8));
    }

    private String rows(String sql) {
        return store.transaction(c -> {
            List<String> cells = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                while (r.next()) {
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        cells.add(String.valueOf(r.getObject(i)));
                    }
                }
            }
            return String.join(" ", cells);
        });
    }

    /** The store, but the second rewrap of a data key fails as a lost connection would, mid-transaction. */
    private static Store failingOnSecondRewrap(H2TestStore store) {
        AtomicInteger rewraps = new AtomicInteger();
        return new Store() {
            @Override
            public <T> T transaction(SqlWork<T> work) {
                return store.transaction(c -> work.run(failing(c, rewraps)));
            }

            @Override
            public void migrate(String area, List<String> migrations) {
                store.migrate(area, migrations);
            }

            @Override
            public String describe() {
                return store.describe();
            }
        };
    }

    private static Connection failing(Connection connection, AtomicInteger rewraps) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement") && String.valueOf(args[0]).startsWith(
                    "UPDATE secret_data_keys") && rewraps.incrementAndGet() == 2) {
                throw new SQLException("connection lost");
            }
            try {
                return method.invoke(connection, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] { Connection.class }, handler);
    }
}
