package org.brickworks.secrets.internal;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.brickworks.core.api.Awaiting;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.core.api.TrackedServices;
import org.brickworks.secrets.api.Redaction;
import org.brickworks.secrets.api.SecretBackend;
import org.brickworks.secrets.api.SecretService;
import org.brickworks.secrets.api.dto.AclItem;
import org.brickworks.secrets.api.dto.AclPermission;
import org.brickworks.secrets.api.dto.KeyVaultMetadata;
import org.brickworks.secrets.api.dto.SecretMetadata;
import org.brickworks.secrets.api.dto.SecretScope;
import org.brickworks.security.api.UserService;
import org.brickworks.store.api.Store;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scopes and ACLs in the store ({@code secret_scopes}, {@code secret_acls}); values in the {@link SecretBackend} of
 * each scope's type, the encrypted store for {@code DATABRICKS}. Every right is checked here, before a backend is
 * called. Users' groups (nested ones included) come from the security service's {@code groupsOf}; the
 * users service is tracked, not referenced, so that a security update does not restart this service.
 */
@Component(service = SecretService.class)
public class StoreSecretService implements SecretService {
    private static final Logger LOG = LoggerFactory.getLogger(StoreSecretService.class);

    private final Store store;
    private final EncryptedStoreBackend builtIn;
    private final ScopeAcls acls;
    private final Clock clock;
    private final Map<String, SecretBackend> backends = new ConcurrentHashMap<>();
    /** When each plugin backend that is not back went away, in {@link System#nanoTime()}. */
    private final Map<String, Long> departures = new ConcurrentHashMap<>();
    private final Object arrivals = new Object();
    private final Duration backendPatience;
    private final Object scopeChanges = new Object();
    private TrackedServices services;

    @Activate
    public StoreSecretService(@Reference(target = Store.SHARED) Store store, @Reference EncryptedStoreBackend builtIn,
            BundleContext context) {
        this(store, builtIn, new TrackedServices(context), Clock.systemUTC());
    }

    private StoreSecretService(Store store, EncryptedStoreBackend builtIn, TrackedServices services, Clock clock) {
        this(store, builtIn, user -> services.await(UserService.class, "the users service").groupsOf(user), clock);
        this.services = services;
    }

    /**
     * @param groupsOf
     *            the names of the groups a user is in; {@value UserService#ADMINS} may do everything
     */
    StoreSecretService(Store store, EncryptedStoreBackend builtIn, Function<String, Set<String>> groupsOf,
            Clock clock) {
        this(store, builtIn, groupsOf, clock, Awaiting.DEFAULT_PATIENCE);
    }

    /**
     * @param backendPatience
     *            how long a call on a scope waits for its plugin backend when that went away (a bundle update)
     */
    StoreSecretService(Store store, EncryptedStoreBackend builtIn, Function<String, Set<String>> groupsOf, Clock clock,
            Duration backendPatience) {
        this.backendPatience = backendPatience;
        this.store = store;
        this.builtIn = builtIn;
        this.clock = clock;
        this.acls = new ScopeAcls(store, groupsOf);
        store.migrate(SecretsSchema.AREA, SecretsSchema.MIGRATIONS);
    }

    @Deactivate
    void deactivate() {
        if (services != null) {
            services.close();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addBackend(SecretBackend backend, Map<String, Object> properties) {
        if (!(properties.get(SecretBackend.TYPE) instanceof String type) || type.isBlank()) {
            LOG.warn("Ignoring the secret backend {}: it has no {} property", backend, SecretBackend.TYPE);
            return;
        }
        synchronized (arrivals) {
            backends.put(type, backend);
            departures.remove(type);
            arrivals.notifyAll();
        }
    }

    void removeBackend(SecretBackend backend, Map<String, Object> properties) {
        if (properties.get(SecretBackend.TYPE) instanceof String type) {
            synchronized (arrivals) {
                if (backends.remove(type, backend)) {
                    departures.put(type, System.nanoTime());
                }
            }
        }
    }

    @Override
    public void createScope(String user, String scope, String initialManagePrincipal, String backendType,
            KeyVaultMetadata keyvault) {
        SecretNames.scope(scope);
        if (initialManagePrincipal != null && !UserService.USERS.equals(initialManagePrincipal)) {
            throw BrickworksException.invalidParameter("initial_manage_principal: the only accepted value is "
                    + UserService.USERS + ", not " + initialManagePrincipal);
        }
        String type = backendType == null ? SecretScope.DATABRICKS : backendType;
        checkKeyVault(type, keyvault);
        SecretBackend backend = backend(type, "scope_backend_type");
        SecretScope created = new SecretScope(scope, type, keyvault);
        String manager = initialManagePrincipal != null ? initialManagePrincipal : user;
        synchronized (scopeChanges) {
            if (find(scope).isPresent()) {
                throw new BrickworksException(ErrorCode.RESOURCE_ALREADY_EXISTS, "Scope " + scope + " already exists");
            }
            backend.createScope(created);
            store.transaction(c -> {
                Sql.update(c, "INSERT INTO secret_scopes (name, backend_type, keyvault_resource_id,"
                        + " keyvault_dns_name, creator, created_time) VALUES (?, ?, ?, ?, ?, ?)", scope, type,
                        keyvault == null ? null : keyvault.resourceId(), keyvault == null ? null : keyvault.dnsName(),
                        user, clock.millis());
                acls.put(c, scope, manager, AclPermission.MANAGE);
                return null;
            });
        }
    }

    private static void checkKeyVault(String type, KeyVaultMetadata keyvault) {
        if (SecretScope.AZURE_KEYVAULT.equals(type)) {
            SecretNames.required(keyvault, "backend_azure_keyvault");
            SecretNames.required(keyvault.resourceId(), "backend_azure_keyvault.resource_id");
            SecretNames.required(keyvault.dnsName(), "backend_azure_keyvault.dns_name");
        } else if (keyvault != null) {
            throw BrickworksException.invalidParameter("backend_azure_keyvault: only a scope of scope_backend_type "
                    + SecretScope.AZURE_KEYVAULT + " has a key vault");
        }
    }

    @Override
    public List<SecretScope> listScopes(String user) {
        return store.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT name, backend_type, keyvault_resource_id,"
                    + " keyvault_dns_name FROM secret_scopes ORDER BY name"); ResultSet rows = select.executeQuery()) {
                List<SecretScope> scopes = new ArrayList<>();
                while (rows.next()) {
                    scopes.add(scope(rows));
                }
                return scopes;
            }
        });
    }

    @Override
    public void deleteScope(String user, String scope) {
        SecretScope existing = existing(scope);
        acls.require(user, scope, AclPermission.MANAGE);
        synchronized (scopeChanges) {
            backendOf(existing).deleteScope(existing);
            store.transaction(c -> Sql.update(c, "DELETE FROM secret_acls WHERE scope_name = ?",
                    scope) + Sql.update(c, "DELETE FROM secret_scopes WHERE name = ?", scope));
        }
    }

    @Override
    public void put(String user, String scope, String key, byte[] value) {
        SecretNames.scope(scope);
        SecretNames.key(key);
        SecretNames.required(value, "string_value or bytes_value");
        if (value.length > MAX_VALUE_BYTES) {
            throw BrickworksException.invalidParameter("value: a secret value has at most " + MAX_VALUE_BYTES
                    + " bytes, this one has " + value.length);
        }
        SecretScope existing = existing(scope);
        acls.require(user, scope, AclPermission.WRITE);
        backendOf(existing).put(existing, key, value);
    }

    @Override
    public List<SecretMetadata> list(String user, String scope) {
        SecretScope existing = existing(scope);
        acls.require(user, scope, AclPermission.READ);
        return backendOf(existing).list(existing);
    }

    @Override
    public void delete(String user, String scope, String key) {
        SecretNames.key(key);
        SecretScope existing = existing(scope);
        acls.require(user, scope, AclPermission.WRITE);
        if (!backendOf(existing).delete(existing, key)) {
            throw noSecret(scope, key);
        }
    }

    @Override
    public byte[] get(String user, String scope, String key) {
        SecretNames.key(key);
        SecretScope existing = existing(scope);
        acls.require(user, scope, AclPermission.READ);
        return backendOf(existing).get(existing, key).orElseThrow(() -> noSecret(scope, key));
    }

    @Override
    public Redaction redaction(String user) {
        Set<String> values = new LinkedHashSet<>();
        for (SecretScope scope : listScopes(user)) {
            if (acls.has(user, scope.name(), AclPermission.READ)) {
                SecretBackend backend = backendOf(scope);
                for (SecretMetadata secret : backend.list(scope)) {
                    backend.get(scope, secret.key())
                            .ifPresent(value -> values.add(new String(value, StandardCharsets.UTF_8)));
                }
            }
        }
        return new Redaction(values);
    }

    @Override
    public void putAcl(String user, String scope, String principal, AclPermission permission) {
        SecretNames.principal(principal);
        SecretNames.required(permission, "permission");
        existing(scope);
        acls.require(user, scope, AclPermission.MANAGE);
        store.transaction(c -> {
            acls.put(c, scope, principal, permission);
            return null;
        });
    }

    @Override
    public AclItem getAcl(String user, String scope, String principal) {
        SecretNames.principal(principal);
        existing(scope);
        acls.require(user, scope, AclPermission.MANAGE);
        return acls.get(scope, principal).orElseThrow(() -> noAcl(scope, principal));
    }

    @Override
    public List<AclItem> listAcls(String user, String scope) {
        existing(scope);
        acls.require(user, scope, AclPermission.MANAGE);
        return acls.list(scope);
    }

    @Override
    public void deleteAcl(String user, String scope, String principal) {
        SecretNames.principal(principal);
        existing(scope);
        acls.require(user, scope, AclPermission.MANAGE);
        if (!acls.delete(scope, principal)) {
            throw noAcl(scope, principal);
        }
    }

    @Override
    public String rotateMasterKey(String user) {
        if (!acls.isAdmin(user)) {
            throw new BrickworksException(ErrorCode.PERMISSION_DENIED, "Only admins may rotate the master key");
        }
        int rewrapped = builtIn.rotate();
        return "Wrapped the data keys of " + rewrapped + " scopes and credentials under the new master key "
                + builtIn.currentMasterKeyId();
    }

    private SecretBackend backend(String type, String field) {
        SecretBackend backend = backends.get(type);
        if (backend == null && SecretScope.DATABRICKS.equals(type)) {
            return builtIn;
        }
        if (backend == null) {
            throw BrickworksException.invalidParameter(field + ": no secret backend " + type + " is installed"
                    + " (installed: " + new TreeSet<>(backends.keySet()) + ")");
        }
        return backend;
    }

    /**
     * The backend of an existing scope. One that went away less than the backend patience ago is being updated: wait
     * for it, as callers of a swapped service do.
     */
    private SecretBackend backendOf(SecretScope scope) {
        String type = scope.backendType();
        SecretBackend backend = SecretScope.DATABRICKS.equals(type) ? backends.getOrDefault(type, builtIn)
                : backends.get(type);
        Long departure = departures.get(type);
        if (backend == null && departure != null) {
            long deadline = departure + backendPatience.toNanos();
            synchronized (arrivals) {
                for (long left = deadline - System.nanoTime(); (backend = backends.get(type)) == null
                        && left > 0; left = deadline - System.nanoTime()) {
                    try {
                        arrivals.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        if (backend == null) {
            throw new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE, "The secret backend " + type + " of scope "
                    + scope.name() + " is not installed (installed: " + new TreeSet<>(backends.keySet()) + ")");
        }
        return backend;
    }

    private SecretScope existing(String scope) {
        SecretNames.scope(scope);
        return find(scope).orElseThrow(() -> BrickworksException.notFound("Scope " + scope + " does not exist!"));
    }

    private Optional<SecretScope> find(String scope) {
        return store.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT name, backend_type, keyvault_resource_id,"
                    + " keyvault_dns_name FROM secret_scopes WHERE name = ?")) {
                select.setString(1, scope);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(scope(rows)) : Optional.empty();
                }
            }
        });
    }

    private static SecretScope scope(ResultSet rows) throws SQLException {
        String resourceId = rows.getString(3);
        return new SecretScope(rows.getString(1), rows.getString(2),
                resourceId == null ? null : new KeyVaultMetadata(resourceId, rows.getString(4)));
    }

    private static BrickworksException noSecret(String scope, String key) {
        return BrickworksException.notFound("Secret " + key + " does not exist in scope " + scope);
    }

    private static BrickworksException noAcl(String scope, String principal) {
        return BrickworksException.notFound("No ACL for principal " + principal + " on scope " + scope);
    }
}
