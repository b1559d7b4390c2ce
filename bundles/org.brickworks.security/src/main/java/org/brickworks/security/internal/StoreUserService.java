package org.brickworks.security.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.security.api.IdentityProvider;
import org.brickworks.security.api.UserService;
import org.brickworks.security.api.dto.Principal;
import org.brickworks.security.api.dto.PrincipalKind;
import org.brickworks.security.api.dto.PrincipalSpec;
import org.brickworks.security.api.dto.User;
import org.brickworks.store.api.Store;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users and service principals kept in the store. Creates the security schema and the {@value #ADMIN} user on first
 * start. Passwords: {@link Passwords}; sign-in throttling per user in the store, so that it holds across restarts.
 */
@Component(service = { UserService.class, StoreUserService.class }, configurationPid = SecurityConfig.PID)
@Designate(ocd = SecurityConfig.class)
public class StoreUserService implements UserService {
    static final String SELECT = "SELECT id, user_name, display_name, is_admin, created_at FROM users";
    private static final String BAD_SIGN_IN = "Invalid user name or password";

    private static final Logger LOG = LoggerFactory.getLogger(StoreUserService.class);

    private final Store store;
    private volatile Throttle throttle = new Throttle(5, 60);
    private final Map<String, IdentityProvider> providers = new ConcurrentHashMap<>();
    /** Imports run here, not on SCR's thread: a directory may be slow. */
    private final ExecutorService imports = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "brickworks-identity-import");
        thread.setDaemon(true);
        return thread;
    });

    record Throttle(int maxFailures, long lockoutSeconds) {
        /** Milliseconds locked out after the {@code failures}-th failure in a row: doubling, at most an hour. */
        long lockoutMillis(int failures) {
            if (failures < maxFailures) {
                return 0;
            }
            int doublings = Math.min(failures - maxFailures, 12);
            return Math.min(3600, lockoutSeconds << doublings) * 1000;
        }
    }

    @Activate
    public StoreUserService(@Reference(target = Store.SHARED) Store store, SecurityConfig config) {
        this(store);
        modified(config);
    }

    public StoreUserService(Store store) {
        this.store = store;
        store.migrate(SecuritySchema.AREA, SecuritySchema.MIGRATIONS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        imports.shutdownNow();
        imports.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindIdentityProvider(IdentityProvider provider, Map<String, Object> properties) {
        String name = properties.get(IdentityProvider.NAME) instanceof String n ? n.strip() : "";
        if (name.isEmpty() || name.contains(":")) {
            LOG.warn("Ignoring identity provider {}: it needs a service property {} without ':'", provider,
                    IdentityProvider.NAME);
            return;
        }
        providers.put(name, provider);
        imports.execute(() -> importFrom(name, provider));
    }

    void unbindIdentityProvider(IdentityProvider provider, Map<String, Object> properties) {
        providers.values().remove(provider);
    }

    @Override
    public Map<String, Integer> syncIdentityProviders(String caller) {
        store.transaction(c -> {
            Directory.requireAdmin(c, caller);
            return null;
        });
        Map<String, Integer> counts = new TreeMap<>();
        providers.forEach((name, provider) -> {
            // On the import thread, after any import under way: two imports at once would collide.
            Integer count = result(imports.submit(() -> importFrom(name, provider)));
            if (count != null) {
                counts.put(name, count);
            }
        });
        return counts;
    }

    private static Integer result(Future<Integer> future) {
        try {
            return future.get(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE, "Interrupted importing identities");
        } catch (ExecutionException | TimeoutException e) {
            throw new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE, "Importing identities failed: " + e,
                    e);
        }
    }

    /** The number of users imported, or null when the provider failed (logged). */
    private Integer importFrom(String name, IdentityProvider provider) {
        try {
            int count = new DirectoryImport(store).run(name, provider.read());
            LOG.info("Imported {} users from identity provider {}", count, name);
            return count;
        } catch (RuntimeException e) {
            LOG.error("Identity provider {} failed; its users and groups stay as they were", name, e);
            return null;
        }
    }

    @Modified
    void modified(SecurityConfig config) {
        throttle = new Throttle(Math.max(1, config.maxFailedSignIns()), Math.max(1, config.lockoutSeconds()));
    }

    Store store() {
        return store;
    }

    @Override
    public List<User> list() {
        return store.transaction(c -> {
            List<User> users = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(SELECT + " ORDER BY id"); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    users.add(read(r));
                }
            }
            return users;
        });
    }

    @Override
    public User get(String userName) {
        return store.transaction(c -> find(c, userName))
                .orElseThrow(() -> BrickworksException.notFound("User " + userName + " does not exist"));
    }

    @Override
    public boolean isAdmin(String userName) {
        return store.transaction(c -> Directory.isActiveAdmin(c, userName));
    }

    @Override
    public Set<String> groupsOf(String userName) {
        return store.transaction(c -> {
            Directory d = Directory.read(c);
            Principal p = d.byName(userName);
            Set<String> names = new TreeSet<>();
            if (p != null) {
                d.groupsOf(p.id()).forEach(g -> names.add(d.groupNames().get(g)));
            }
            return names;
        });
    }

    @Override
    public Set<String> entitlementsOf(String userName) {
        return store.transaction(c -> {
            Directory d = Directory.read(c);
            Principal p = d.byName(userName);
            return p == null ? Set.<String>of() : d.effectiveEntitlements(p);
        });
    }

    @Override
    public List<Principal> principals(PrincipalKind kind) {
        return store.transaction(c -> Directory.read(c).principals().values().stream()
                .filter(p -> p.kind() == kind).sorted(Comparator.comparingLong(Principal::id)).toList());
    }

    @Override
    public Principal principal(long id) {
        return store.transaction(c -> principal(Directory.read(c), id));
    }

    private static Principal principal(Directory d, long id) {
        Principal p = d.principals().get(id);
        if (p == null) {
            throw BrickworksException.notFound("User or service principal " + id + " does not exist");
        }
        return p;
    }

    @Override
    public Principal create(String caller, PrincipalSpec spec) {
        return store.transaction(c -> {
            Directory.requireAdmin(c, caller);
            String name = name(spec, true);
            if (find(c, name).isPresent()) {
                throw new BrickworksException(ErrorCode.RESOURCE_ALREADY_EXISTS, spec.kind() == PrincipalKind.USER
                        ? "User " + name + " already exists" : "Service principal " + name + " already exists");
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO users (user_name, display_name, is_admin,"
                    + " created_at, kind, given_name, family_name, external_id, active)"
                    + " VALUES (?, ?, FALSE, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, name);
                s.setString(2, displayName(spec, name));
                s.setLong(3, System.currentTimeMillis());
                s.setString(4, spec.kind().name());
                s.setString(5, Inputs.optional(spec.givenName(), "name.givenName"));
                s.setString(6, Inputs.optional(spec.familyName(), "name.familyName"));
                s.setString(7, Inputs.optional(spec.externalId(), "externalId"));
                s.setBoolean(8, spec.active());
                s.executeUpdate();
            }
            long id = find(c, name).orElseThrow().id();
            addToGroup(c, USERS, id);
            Directory.writeEntitlements(c, id, Inputs.entitlements(spec.entitlements()));
            return principal(Directory.read(c), id);
        });
    }

    private static String name(PrincipalSpec spec, boolean creating) {
        if (spec.kind() == PrincipalKind.SERVICE_PRINCIPAL) {
            return spec.userName() == null && creating ? UUID.randomUUID().toString()
                    : Inputs.applicationId(spec.userName());
        }
        if (spec.kind() != PrincipalKind.USER) {
            throw BrickworksException.invalidParameter("A user or service principal is needed, not a " + spec.kind());
        }
        return Inputs.userName(spec.userName());
    }

    private static String displayName(PrincipalSpec spec, String name) {
        return spec.displayName() == null || spec.displayName().isBlank() ? name
                : Inputs.optional(spec.displayName().strip(), "displayName");
    }

    @Override
    public Principal replace(String caller, long id, PrincipalSpec spec) {
        return store.transaction(c -> {
            Directory.requireAdmin(c, caller);
            Principal old = principal(Directory.read(c), id);
            PrincipalSpec same = new PrincipalSpec(old.kind(),
                    spec.userName() == null && old.kind() == PrincipalKind.SERVICE_PRINCIPAL ? old.userName()
                            : spec.userName(),
                    spec.displayName(), spec.givenName(), spec.familyName(), spec.externalId(), spec.active(),
                    spec.entitlements());
            String name = name(same, false);
            if (!name.equals(old.userName()) && find(c, name).isPresent()) {
                throw new BrickworksException(ErrorCode.RESOURCE_ALREADY_EXISTS, "User " + name + " already exists");
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE users SET user_name = ?, display_name = ?,"
                    + " given_name = ?, family_name = ?, external_id = ?, active = ? WHERE id = ?")) {
                s.setString(1, name);
                s.setString(2, displayName(same, name));
                s.setString(3, Inputs.optional(same.givenName(), "name.givenName"));
                s.setString(4, Inputs.optional(same.familyName(), "name.familyName"));
                s.setString(5, Inputs.optional(same.externalId(), "externalId"));
                s.setBoolean(6, same.active());
                s.setLong(7, id);
                s.executeUpdate();
            }
            Directory.writeEntitlements(c, id, Inputs.entitlements(same.entitlements()));
            Directory.syncAdmins(c);
            return principal(Directory.read(c), id);
        });
    }

    @Override
    public void delete(String caller, long id) {
        store.transaction(c -> {
            Directory.requireAdmin(c, caller);
            principal(Directory.read(c), id);
            Directory.delete(c, "users", id);
            Directory.syncAdmins(c);
            return null;
        });
    }

    @Override
    public void setPassword(String caller, String userName, char[] password) {
        String hash = Passwords.hash(Inputs.password(password));
        store.transaction(c -> {
            if (!userName.equals(caller)) {
                Directory.requireAdmin(c, caller);
            }
            Principal p = Directory.read(c).byName(userName);
            if (p == null) {
                throw BrickworksException.notFound("User " + userName + " does not exist");
            }
            if (p.kind() != PrincipalKind.USER) {
                throw BrickworksException.invalidParameter("password: service principals own no password");
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE users SET password_hash = ?, failed_sign_ins = 0,"
                    + " locked_until = 0 WHERE id = ?")) {
                s.setString(1, hash);
                s.setLong(2, p.id());
                s.executeUpdate();
            }
            return null;
        });
    }

    record SignIn(String hash, boolean active, long lockedUntil, String externalId) {
    }

    @Override
    public User authenticate(String userName, char[] password) {
        if (userName == null || password == null || password.length == 0) {
            throw BrickworksException.unauthenticated(BAD_SIGN_IN);
        }
        long now = System.currentTimeMillis();
        Optional<SignIn> signIn = store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT password_hash, active, locked_until, external_id"
                    + " FROM users WHERE user_name = ? AND kind = 'USER'")) {
                s.setString(1, userName);
                try (ResultSet r = s.executeQuery()) {
                    return r.next()
                            ? Optional.of(new SignIn(r.getString(1), r.getBoolean(2), r.getLong(3), r.getString(4)))
                            : Optional.<SignIn>empty();
                }
            }
        });
        if (signIn.isPresent() && signIn.get().lockedUntil() > now) {
            throw BrickworksException.unauthenticated("Too many failed sign-ins: try again in "
                    + ((signIn.get().lockedUntil() - now + 999) / 1000) + " s");
        }
        if (!passwordMatches(userName, password, signIn)) {
            signIn.ifPresent(known -> failed(userName, now));
            throw BrickworksException.unauthenticated(BAD_SIGN_IN);
        }
        if (!signIn.get().active()) {
            throw BrickworksException.unauthenticated("User " + userName + " is disabled");
        }
        return store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE users SET failed_sign_ins = 0, locked_until = 0 WHERE user_name = ?")) {
                s.setString(1, userName);
                s.executeUpdate();
            }
            return find(c, userName).orElseThrow();
        });
    }

    /** Checks the platform's own hash, or, for a user a provider brought and without one, asks that provider. */
    private boolean passwordMatches(String userName, char[] password, Optional<SignIn> signIn) {
        String external = signIn.map(SignIn::externalId).orElse(null);
        if (signIn.map(SignIn::hash).isEmpty() && external != null && external.contains(":")) {
            IdentityProvider provider = providers.get(external.substring(0, external.indexOf(':')));
            if (provider != null) {
                try {
                    return provider.authenticate(userName, password);
                } catch (RuntimeException e) {
                    LOG.error("Identity provider {} failed to check a password", external, e);
                    return false;
                }
            }
        }
        return Passwords.verify(password, signIn.map(SignIn::hash).orElse(null));
    }

    private void failed(String userName, long now) {
        store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE users SET failed_sign_ins = failed_sign_ins + 1 WHERE user_name = ?")) {
                s.setString(1, userName);
                s.executeUpdate();
            }
            int failures;
            try (PreparedStatement s = c.prepareStatement("SELECT failed_sign_ins FROM users WHERE user_name = ?")) {
                s.setString(1, userName);
                try (ResultSet r = s.executeQuery()) {
                    failures = r.next() ? r.getInt(1) : 0;
                }
            }
            long lockout = throttle.lockoutMillis(failures);
            if (lockout > 0) {
                try (PreparedStatement s = c
                        .prepareStatement("UPDATE users SET locked_until = ? WHERE user_name = ?")) {
                    s.setLong(1, now + lockout);
                    s.setString(2, userName);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Creates the admin user when the store has none; true when it did so now. */
    boolean ensureAdmin() {
        return store.transaction(c -> {
            if (find(c, ADMIN).isPresent()) {
                return false;
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO users (user_name, display_name, is_admin, created_at) VALUES (?, ?, TRUE, ?)")) {
                s.setString(1, ADMIN);
                s.setString(2, "Administrator");
                s.setLong(3, System.currentTimeMillis());
                s.executeUpdate();
            }
            long id = find(c, ADMIN).orElseThrow().id();
            addToGroup(c, ADMINS, id);
            addToGroup(c, USERS, id);
            return true;
        });
    }

    private static void addToGroup(Connection c, String group, long memberId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO group_members (group_id, member_id)"
                + " SELECT id, CAST(? AS BIGINT) FROM user_groups WHERE display_name = ?")) {
            s.setLong(1, memberId);
            s.setString(2, group);
            s.executeUpdate();
        }
    }

    static Optional<User> find(Connection c, String userName) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE user_name = ?")) {
            s.setString(1, userName);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        }
    }

    static User read(ResultSet r) throws SQLException {
        return new User(r.getLong(1), r.getString(2), r.getString(3), r.getBoolean(4),
                Instant.ofEpochMilli(r.getLong(5)));
    }
}
