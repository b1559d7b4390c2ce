package org.brickworks.secrets.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import javax.crypto.SecretKey;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.core.api.PlatformInfo;
import org.brickworks.secrets.api.SecretBackend;
import org.brickworks.secrets.api.SecretService;
import org.brickworks.secrets.api.dto.SecretMetadata;
import org.brickworks.secrets.api.dto.SecretScope;
import org.brickworks.secrets.internal.MasterKeys.MasterKey;
import org.brickworks.store.api.Store;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's own scopes ({@code DATABRICKS}): values sealed with AES-256-GCM by a data key of their scope, each
 * data key sealed by the master key ({@link MasterKeys}, {@code etc/secrets-master.key} or
 * {@value MasterKeys#ENVIRONMENT}), which never enters the store. A value is bound to its scope and key, a data key to
 * its scope. The same master key wraps the data key of other areas' credentials ({@link #credentialKey}). Data keys
 * are read and written under a shared lock that a {@linkplain #rotate rotation} holds alone.
 */
@Component(service = { SecretBackend.class, EncryptedStoreBackend.class },
        property = SecretBackend.TYPE + "=" + SecretScope.DATABRICKS)
public class EncryptedStoreBackend implements SecretBackend {
    static final String KEY_FILE = "secrets-master.key";
    private static final String CREDENTIAL_KEY = "credentials";
    private static final Logger LOG = LoggerFactory.getLogger(EncryptedStoreBackend.class);

    private final Store store;
    private final MasterKeys masterKeys;
    private final Clock clock;
    private final ReadWriteLock rotation = new ReentrantReadWriteLock();
    private final Map<String, Object> scopeLocks = new ConcurrentHashMap<>();
    private final Object credentialKeyLock = new Object();

    @Activate
    public EncryptedStoreBackend(@Reference(target = Store.SHARED) Store store, BundleContext context) {
        this(store, MasterKeys.open(keyFile(context), System.getenv(MasterKeys.ENVIRONMENT)), Clock.systemUTC());
        LOG.info("Secrets are encrypted under the master key {} of {}", masterKeys.current().id(),
                masterKeys.where());
    }

    EncryptedStoreBackend(Store store, MasterKeys masterKeys, Clock clock) {
        this.store = store;
        this.masterKeys = masterKeys;
        this.clock = clock;
        store.migrate(SecretsSchema.AREA, SecretsSchema.MIGRATIONS);
    }

    /** {@code etc/} of the platform's home, as the start script sets it; beside the data directory without one. */
    static Path keyFile(BundleContext context) {
        String home = context.getProperty("brickworks.home");
        Path etc = home != null ? Path.of(home, "etc") : PlatformInfo.dataDirectoryOf(context).resolveSibling("etc");
        return etc.resolve(KEY_FILE);
    }

    @Override
    public void createScope(SecretScope scope) {
        String name = scope.name();
        underShared(() -> store.transaction(c -> {
            Sql.update(c, "DELETE FROM secret_values WHERE scope_name = ?", name);
            Sql.update(c, "DELETE FROM secret_data_keys WHERE scope_name = ?", name);
            MasterKey master = masterKeys.current();
            byte[] wrapped = Envelope.seal(master.key(), Envelope.newKey().getEncoded(), dataKeyOf(name));
            return Sql.update(c,
                    "INSERT INTO secret_data_keys (scope_name, master_key_id, wrapped_key) VALUES (?, ?, ?)",
                    name, master.id(), base64(wrapped));
        }));
    }

    @Override
    public void deleteScope(SecretScope scope) {
        store.transaction(c -> Sql.update(c, "DELETE FROM secret_values WHERE scope_name = ?", scope.name())
                + Sql.update(c, "DELETE FROM secret_data_keys WHERE scope_name = ?", scope.name()));
    }

    @Override
    public void put(SecretScope scope, String key, byte[] value) {
        byte[] sealed = Envelope.seal(dataKey(scope.name()), value, valueOf(scope.name(), key));
        long now = clock.millis();
        synchronized (scopeLocks.computeIfAbsent(scope.name(), s -> new Object())) {
            store.transaction(c -> {
                if (Sql.update(c, "UPDATE secret_values SET sealed = ?, last_updated = ? WHERE scope_name = ?"
                        + " AND secret_key = ?", base64(sealed), now, scope.name(), key) > 0) {
                    return null;
                }
                if (count(c, scope.name()) >= SecretService.MAX_SECRETS_PER_SCOPE) {
                    throw new BrickworksException(ErrorCode.MAX_SECRETS_PER_SCOPE_EXCEEDED, "Scope " + scope.name()
                            + " already holds " + SecretService.MAX_SECRETS_PER_SCOPE + " secrets, the most a scope"
                            + " may hold");
                }
                return Sql.update(c, "INSERT INTO secret_values (scope_name, secret_key, sealed, last_updated)"
                        + " VALUES (?, ?, ?, ?)", scope.name(), key, base64(sealed), now);
            });
        }
    }

    @Override
    public List<SecretMetadata> list(SecretScope scope) {
        return store.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT secret_key, last_updated FROM secret_values"
                    + " WHERE scope_name = ? ORDER BY secret_key")) {
                select.setString(1, scope.name());
                List<SecretMetadata> secrets = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        secrets.add(new SecretMetadata(rows.getString(1), rows.getLong(2)));
                    }
                }
                return secrets;
            }
        });
    }

    @Override
    public Optional<byte[]> get(SecretScope scope, String key) {
        Optional<String> sealed = store.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT sealed FROM secret_values WHERE scope_name = ? AND secret_key = ?")) {
                select.setString(1, scope.name());
                select.setString(2, key);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
        return sealed.map(text -> Envelope.open(dataKey(scope.name()), Base64.getDecoder().decode(text),
                valueOf(scope.name(), key)));
    }

    @Override
    public boolean delete(SecretScope scope, String key) {
        return store.transaction(c -> Sql.update(c, "DELETE FROM secret_values WHERE scope_name = ? AND secret_key = ?",
                scope.name(), key)) > 0;
    }

    /**
     * Wraps every data key under a new master key in one transaction. The key file holds the new key beside the old
     * ones until the transaction commits, and loses the new one again when it fails: at every moment each wrapped key
     * in the store has its master key in the file.
     *
     * @return how many data keys were wrapped anew
     */
    int rotate() {
        rotation.writeLock().lock();
        try {
            MasterKey next = masterKeys.beginRotation();
            int rewrapped;
            try {
                rewrapped = store.transaction(c -> rewrapAll(c, next));
            } catch (RuntimeException | Error e) {
                masterKeys.abortRotation(next);
                throw e;
            }
            masterKeys.finishRotation(next);
            LOG.info("Rotated the master key to {}: {} data keys (scopes' and credentials') wrapped anew", next.id(),
                    rewrapped);
            return rewrapped;
        } finally {
            rotation.writeLock().unlock();
        }
    }

    String currentMasterKeyId() {
        return masterKeys.current().id();
    }

    private int rewrapAll(Connection c, MasterKey next) throws SQLException {
        return rewrap(c, next, "secret_data_keys", "scope_name", EncryptedStoreBackend::dataKeyOf)
                + rewrap(c, next, "secret_credential_keys", "name", EncryptedStoreBackend::credentialKeyOf);
    }

    private int rewrap(Connection c, MasterKey next, String table, String nameColumn,
            UnaryOperator<String> boundToOf) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + nameColumn + ", master_key_id, wrapped_key FROM "
                + table + " ORDER BY " + nameColumn); ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.add(new String[] { result.getString(1), result.getString(2), result.getString(3) });
            }
        }
        for (String[] row : rows) {
            String boundTo = boundToOf.apply(row[0]);
            byte[] dataKey = Envelope.open(masterKeys.byId(row[1]).key(), Base64.getDecoder().decode(row[2]),
                    boundTo);
            Sql.update(c, "UPDATE " + table + " SET master_key_id = ?, wrapped_key = ? WHERE " + nameColumn + " = ?",
                    next.id(), base64(Envelope.seal(next.key(), dataKey, boundTo)), row[0]);
        }
        return rows.size();
    }

    /**
     * The data key of the credentials other areas seal ({@link StoreCredentialSealer}), made and wrapped by the
     * current master key on first use; rotations rewrap it with the scopes' keys.
     */
    SecretKey credentialKey() {
        return underShared(() -> {
            synchronized (credentialKeyLock) {
                String[] row = wrappedCredentialKey();
                if (row == null) {
                    MasterKey master = masterKeys.current();
                    byte[] wrapped = Envelope.seal(master.key(), Envelope.newKey().getEncoded(),
                            credentialKeyOf(CREDENTIAL_KEY));
                    store.transaction(c -> Sql.update(c, "INSERT INTO secret_credential_keys (name, master_key_id,"
                            + " wrapped_key) VALUES (?, ?, ?)", CREDENTIAL_KEY, master.id(), base64(wrapped)));
                    row = wrappedCredentialKey();
                }
                return Envelope.key(Envelope.open(masterKeys.byId(row[0]).key(), Base64.getDecoder().decode(row[1]),
                        credentialKeyOf(CREDENTIAL_KEY)));
            }
        });
    }

    private String[] wrappedCredentialKey() {
        return store.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT master_key_id, wrapped_key FROM secret_credential_keys WHERE name = ?")) {
                select.setString(1, CREDENTIAL_KEY);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? new String[] { rows.getString(1), rows.getString(2) } : null;
                }
            }
        });
    }

    private SecretKey dataKey(String scope) {
        return underShared(() -> {
            String[] row = store.transaction(c -> {
                try (PreparedStatement select = c.prepareStatement(
                        "SELECT master_key_id, wrapped_key FROM secret_data_keys WHERE scope_name = ?")) {
                    select.setString(1, scope);
                    try (ResultSet rows = select.executeQuery()) {
                        return rows.next() ? new String[] { rows.getString(1), rows.getString(2) } : null;
                    }
                }
            });
            if (row == null) {
                throw BrickworksException.notFound("Scope " + scope + " has no data key: it was deleted");
            }
            return Envelope.key(Envelope.open(masterKeys.byId(row[0]).key(), Base64.getDecoder().decode(row[1]),
                    dataKeyOf(scope)));
        });
    }

    private <T> T underShared(Supplier<T> work) {
        rotation.readLock().lock();
        try {
            return work.get();
        } finally {
            rotation.readLock().unlock();
        }
    }

    private static String dataKeyOf(String scope) {
        return "the data key of scope " + scope;
    }

    private static String credentialKeyOf(String name) {
        return "the credentials data key " + name;
    }

    private static String valueOf(String scope, String key) {
        return "secret " + scope + "/" + key;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static int count(Connection c, String scope) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM secret_values WHERE scope_name = ?")) {
            select.setString(1, scope);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
