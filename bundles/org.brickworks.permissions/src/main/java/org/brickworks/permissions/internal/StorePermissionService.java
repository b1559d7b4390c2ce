package org.brickworks.permissions.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.core.api.TrackedServices;
import org.brickworks.permissions.api.ObjectRef;
import org.brickworks.permissions.api.PermissionService;
import org.brickworks.permissions.api.Securable;
import org.brickworks.permissions.api.SecurableType;
import org.brickworks.permissions.api.dto.AccessControlRequest;
import org.brickworks.permissions.api.dto.ObjectPermissions;
import org.brickworks.permissions.api.dto.ObjectPermissions.AccessControl;
import org.brickworks.permissions.api.dto.ObjectPermissions.Permission;
import org.brickworks.store.api.Store;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Access control lists in the store ({@code object_permissions}), objects' owners and parents from their areas'
 * {@link SecurableType}s, users' groups from the security service (tracked, not referenced, so that its updates
 * restart nothing here).
 */
@Component(service = PermissionService.class)
public class StorePermissionService implements PermissionService {
    static final String ADMINS = "admins";
    static final String CAN_MANAGE = "CAN_MANAGE";
    /** The one level only one principal holds, a job's owner: naming a new one replaces the creator. */
    static final String IS_OWNER = "IS_OWNER";

    private final AclStore acls;
    private final Principals principals;
    private final SecurableTypes types;
    private TrackedServices services;

    @Activate
    public StorePermissionService(@Reference(target = Store.SHARED) Store store, BundleContext context) {
        this(store, new TrackedServices(context));
    }

    private StorePermissionService(Store store, TrackedServices services) {
        this(new AclStore(store), new DirectoryPrincipals(services), new SecurableTypes());
        this.services = services;
    }

    StorePermissionService(AclStore acls, Principals principals, SecurableTypes types) {
        this.acls = acls;
        this.principals = principals;
        this.types = types;
    }

    @Deactivate
    void deactivate() {
        if (services != null) {
            services.close();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addType(SecurableType type) {
        types.add(type);
    }

    void removeType(SecurableType type) {
        types.remove(type);
    }

    @Override
    public boolean isAdmin(String user) {
        return principals.isAdmin(user);
    }

    /**
     * An object as one call sees it, resolved once: its type, what its area says of it, the entries on it and its
     * parents (null for an administrator, who needs none to hold every level) and the user's level.
     */
    private record Held(SecurableType type, Securable securable, List<Entry> entries, String level) {
    }

    private Held held(String user, ObjectRef object) {
        SecurableType type = types.get(object.type());
        Securable securable = type.resolve(object.id());
        if (principals.isAdmin(user)) {
            return new Held(type, securable, null, top(type));
        }
        List<Entry> entries = entries(type, object, securable);
        return new Held(type, securable, entries,
                level(type, user, principals.groupsOf(user), object, securable, entries));
    }

    /** The object as {@code user} holds it, once found to hold at least {@code level}. */
    private Held required(String user, ObjectRef object, String level) {
        Held held = held(user, object);
        if (held.level() == null
                || SecurableTypes.rank(held.type(), held.level()) < SecurableTypes.rank(held.type(), level)) {
            throw denied(user, level, object);
        }
        return held;
    }

    @Override
    public String levelOf(String user, ObjectRef object) {
        return held(user, object).level();
    }

    @Override
    public void require(String user, ObjectRef object, String level) {
        required(user, object, level);
    }

    @Override
    public <T> List<T> visible(String user, ObjectRef parent, List<T> objects, Function<T, ObjectRef> ref,
            Function<T, String> owner, String level) {
        if (objects.isEmpty() || principals.isAdmin(user)) {
            return objects;
        }
        Set<String> groups = principals.groupsOf(user);
        String inherited = null;
        if (parent != null) {
            SecurableType parentType = types.get(parent.type());
            Securable securable = parentType.resolve(parent.id());
            inherited = level(parentType, user, groups, parent, securable, entries(parentType, parent, securable));
        }
        Map<String, SecurableType> byName = new HashMap<>();
        for (T object : objects) {
            byName.computeIfAbsent(ref.apply(object).type(), types::get);
        }
        Map<ObjectRef, List<String>> held = new HashMap<>();
        for (Entry entry : acls.of(user, groups, byName.keySet())) {
            held.computeIfAbsent(entry.object(), o -> new ArrayList<>()).add(entry.level());
        }
        List<T> visible = new ArrayList<>();
        for (T object : objects) {
            ObjectRef objectRef = ref.apply(object);
            SecurableType type = byName.get(objectRef.type());
            int needed = SecurableTypes.rank(type, level);
            int best = inherited == null ? -1 : SecurableTypes.rank(type, inherited);
            if (user.equals(owner.apply(object))) {
                best = Math.max(best, SecurableTypes.rank(type, type.ownerLevel()));
            }
            for (String direct : held.getOrDefault(objectRef, List.of())) {
                best = Math.max(best, SecurableTypes.rank(type, direct));
            }
            if (best >= needed) {
                visible.add(object);
            }
        }
        return visible;
    }

    @Override
    public ObjectPermissions get(String caller, ObjectRef object) {
        Held held = readable(caller, object);
        return permissions(held.type(), object, held.securable(),
                held.entries() != null ? held.entries() : entries(held.type(), object, held.securable()));
    }

    @Override
    public List<SecurableType.Level> levels(String caller, ObjectRef object) {
        return readable(caller, object).type().levels();
    }

    /** The object, once {@code caller} is found to hold any level on it. */
    private Held readable(String caller, ObjectRef object) {
        Held held = held(caller, object);
        if (held.level() == null) {
            throw denied(caller, held.type().levels().get(0).name(), object);
        }
        return held;
    }

    @Override
    public ObjectPermissions set(String caller, ObjectRef object, List<AccessControlRequest> acl) {
        return write(caller, object, acl, true);
    }

    @Override
    public ObjectPermissions update(String caller, ObjectRef object, List<AccessControlRequest> acl) {
        return write(caller, object, acl, false);
    }

    private ObjectPermissions write(String caller, ObjectRef object, List<AccessControlRequest> acl,
            boolean replace) {
        Held held = required(caller, object, CAN_MANAGE);
        SecurableType type = held.type();
        List<Entry> entries = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (AccessControlRequest request : acl == null ? List.<AccessControlRequest>of() : acl) {
            Entry entry = entry(type, object, request);
            if (!named.add(entry.kind() + ":" + entry.principal())) {
                throw BrickworksException.invalidParameter(
                        "access_control_list names " + entry.principal() + " more than once");
            }
            entries.add(entry);
        }
        if (entries.stream().filter(e -> IS_OWNER.equals(e.level())).count() > 1) {
            throw BrickworksException.invalidParameter("A " + type.objectType() + " has one owner");
        }
        acls.write(object, replace, IS_OWNER, entries);
        return permissions(type, object, held.securable(), entries(type, object, held.securable()));
    }

    private Entry entry(SecurableType type, ObjectRef object, AccessControlRequest request) {
        List<Map.Entry<PrincipalKind, String>> names = new ArrayList<>();
        if (request.userName() != null) {
            names.add(Map.entry(PrincipalKind.USER, request.userName()));
        }
        if (request.groupName() != null) {
            names.add(Map.entry(PrincipalKind.GROUP, request.groupName()));
        }
        if (request.servicePrincipalName() != null) {
            names.add(Map.entry(PrincipalKind.SERVICE_PRINCIPAL, request.servicePrincipalName()));
        }
        if (names.size() != 1) {
            throw BrickworksException.invalidParameter("Each access control entry names exactly one of user_name,"
                    + " group_name and service_principal_name");
        }
        PrincipalKind kind = names.get(0).getKey();
        String name = names.get(0).getValue();
        String level = request.permissionLevel();
        if (level == null || SecurableTypes.rank(type, level) < 0) {
            throw BrickworksException.invalidParameter("Permission level " + level + " is not one of "
                    + type.levels().stream().map(SecurableType.Level::name).toList() + " for a "
                    + type.objectType());
        }
        if (kind == PrincipalKind.GROUP && ADMINS.equals(name)) {
            throw BrickworksException.invalidParameter("The admins group's permissions cannot be changed");
        }
        if (kind == PrincipalKind.GROUP && IS_OWNER.equals(level)) {
            throw BrickworksException.invalidParameter("A group cannot own a " + type.objectType());
        }
        if (!principals.exists(kind, name)) {
            throw BrickworksException.invalidParameter("Principal " + kind.field + " " + name + " does not exist");
        }
        return new Entry(object, kind, name, level);
    }

    @Override
    public void forget(ObjectRef object) {
        acls.forget(object);
    }

    /**
     * The entries on the object and the parents it inherits from, and the parents' owners' as entries of the parent
     * at the owner level.
     */
    private List<Entry> entries(SecurableType type, ObjectRef object, Securable securable) {
        List<ObjectRef> chain = new ArrayList<>();
        chain.add(object);
        chain.addAll(securable.parents());
        List<Entry> entries = new ArrayList<>(acls.on(chain));
        for (int i = 0; i < securable.parents().size(); i++) {
            String owner = securable.parentOwners().get(i);
            if (owner != null) {
                entries.add(new Entry(securable.parents().get(i), PrincipalKind.USER, owner, type.ownerLevel()));
            }
        }
        return entries;
    }

    /** The highest level among {@code entries} that applies to the user, and ownership; null for none. */
    private static String level(SecurableType type, String user, Set<String> groups, ObjectRef object,
            Securable securable, List<Entry> entries) {
        int best = -1;
        boolean ownerNamed = false;
        for (Entry entry : entries) {
            boolean own = entry.object().equals(object);
            ownerNamed |= own && IS_OWNER.equals(entry.level());
            boolean applies = entry.kind() == PrincipalKind.GROUP ? groups.contains(entry.principal())
                    : entry.principal().equals(user);
            if (applies) {
                best = Math.max(best, SecurableTypes.rank(type, entry.level()));
            }
        }
        if (!ownerNamed && user.equals(securable.owner())) {
            best = Math.max(best, SecurableTypes.rank(type, type.ownerLevel()));
        }
        return best < 0 ? null : type.levels().get(best).name();
    }

    /** The type's strongest level an administrator holds: {@code CAN_MANAGE} where the type has it. */
    private static String top(SecurableType type) {
        return SecurableTypes.rank(type, CAN_MANAGE) >= 0 ? CAN_MANAGE
                : type.levels().get(type.levels().size() - 1).name();
    }

    private static ObjectPermissions permissions(SecurableType type, ObjectRef object, Securable securable,
            List<Entry> entries) {
        Map<String, List<Permission>> byPrincipal = new LinkedHashMap<>();
        Map<String, PrincipalKind> kinds = new HashMap<>();
        boolean ownerNamed = false;
        for (Entry entry : entries) {
            ownerNamed |= entry.object().equals(object) && IS_OWNER.equals(entry.level());
        }
        if (!ownerNamed && securable.owner() != null) {
            add(byPrincipal, kinds, PrincipalKind.USER, securable.owner(),
                    new Permission(type.ownerLevel(), false, null));
        }
        for (Entry entry : entries) {
            boolean inherited = !entry.object().equals(object);
            add(byPrincipal, kinds, entry.kind(), entry.principal(), new Permission(entry.level(), inherited,
                    inherited ? List.of(entry.object().toString()) : null));
        }
        add(byPrincipal, kinds, PrincipalKind.GROUP, ADMINS,
                new Permission(top(type), true, List.of("/" + type.name() + "/")));
        List<AccessControl> list = new ArrayList<>();
        byPrincipal.forEach((key, permissions) -> {
            String name = key.substring(key.indexOf(':') + 1);
            PrincipalKind kind = kinds.get(key);
            list.add(new AccessControl(kind == PrincipalKind.USER ? name : null,
                    kind == PrincipalKind.GROUP ? name : null, kind == PrincipalKind.SERVICE_PRINCIPAL ? name : null,
                    null, permissions));
        });
        return new ObjectPermissions(object.toString(), type.objectType(), list);
    }

    private static void add(Map<String, List<Permission>> byPrincipal, Map<String, PrincipalKind> kinds,
            PrincipalKind kind, String name, Permission permission) {
        String key = kind + ":" + name;
        kinds.put(key, kind);
        byPrincipal.computeIfAbsent(key, k -> new ArrayList<>()).add(permission);
    }

    private static BrickworksException denied(String user, String level, ObjectRef object) {
        return new BrickworksException(ErrorCode.PERMISSION_DENIED,
                user + " does not have " + level + " permission on " + object);
    }
}
