package org.brickworks.security.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.security.api.UserService;
import org.brickworks.security.api.dto.GroupRef;
import org.brickworks.security.api.dto.Principal;
import org.brickworks.security.api.dto.PrincipalKind;

/**
 * The users, service principals, groups, memberships and entitlements of the store as read in one transaction: a
 * snapshot that answers membership questions (nested groups included) without further queries. Also the writes every
 * change ends with: {@code users.is_admin} follows membership of {@value UserService#ADMINS}, so that authenticating
 * a token stays one query. Not thread-safe: one per transaction.
 */
final class Directory {
    static final String PRINCIPALS = "SELECT id, kind, user_name, display_name, given_name, family_name, external_id,"
            + " active, created_at FROM users";

    private final Map<Long, Principal> principals = new HashMap<>();
    private final Map<Long, String> groupNames = new HashMap<>();
    private final Map<Long, String> externalIds = new HashMap<>();
    private final Map<Long, Long> groupCreated = new HashMap<>();
    private final Map<Long, Set<Long>> members = new HashMap<>();
    private final Map<Long, Set<Long>> parents = new HashMap<>();
    private final Map<Long, Set<String>> entitlements = new HashMap<>();

    private Directory() {
    }

    static Directory read(Connection c) throws SQLException {
        Directory d = new Directory();
        try (PreparedStatement s = c.prepareStatement("SELECT group_id, member_id FROM group_members");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                d.members.computeIfAbsent(r.getLong(1), k -> new LinkedHashSet<>()).add(r.getLong(2));
                d.parents.computeIfAbsent(r.getLong(2), k -> new LinkedHashSet<>()).add(r.getLong(1));
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT principal_id, entitlement FROM entitlements");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                d.entitlements.computeIfAbsent(r.getLong(1), k -> new TreeSet<>()).add(r.getString(2));
            }
        }
        try (PreparedStatement s = c
                .prepareStatement("SELECT id, display_name, external_id, created_at FROM user_groups");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                d.groupNames.put(r.getLong(1), r.getString(2));
                if (r.getString(3) != null) {
                    d.externalIds.put(r.getLong(1), r.getString(3));
                }
                d.groupCreated.put(r.getLong(1), r.getLong(4));
            }
        }
        try (PreparedStatement s = c.prepareStatement(PRINCIPALS); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                Principal p = d.principal(r);
                d.principals.put(p.id(), p);
            }
        }
        return d;
    }

    private Principal principal(ResultSet r) throws SQLException {
        long id = r.getLong(1);
        return new Principal(id, PrincipalKind.valueOf(r.getString(2)), r.getString(3), r.getString(4),
                r.getString(5), r.getString(6), r.getString(7), r.getBoolean(8), entitlements(id), groupRefs(id),
                Instant.ofEpochMilli(r.getLong(9)));
    }

    Map<Long, Principal> principals() {
        return principals;
    }

    Map<Long, String> groupNames() {
        return groupNames;
    }

    Map<Long, String> externalIds() {
        return externalIds;
    }

    Map<Long, Long> groupCreated() {
        return groupCreated;
    }

    Set<Long> members(long groupId) {
        return members.getOrDefault(groupId, Set.of());
    }

    Set<String> entitlements(long id) {
        return entitlements.getOrDefault(id, Set.of());
    }

    List<GroupRef> groupRefs(long id) {
        List<GroupRef> refs = new ArrayList<>();
        for (long group : parents.getOrDefault(id, Set.of())) {
            refs.add(new GroupRef(group, groupNames.get(group)));
        }
        return refs;
    }

    Long groupId(String displayName) {
        return groupNames.entrySet().stream().filter(e -> e.getValue().equals(displayName)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    Principal byName(String userName) {
        return principals.values().stream().filter(p -> p.userName().equals(userName)).findFirst().orElse(null);
    }

    /** The groups {@code id} belongs to, directly or through nested groups. */
    Set<Long> groupsOf(long id) {
        return closure(id, parents);
    }

    /** The members of {@code groupId}, of nested groups too, groups included. */
    Set<Long> transitiveMembers(long groupId) {
        return closure(groupId, members);
    }

    private static Set<Long> closure(long start, Map<Long, Set<Long>> edges) {
        Set<Long> seen = new HashSet<>();
        Deque<Long> todo = new ArrayDeque<>(edges.getOrDefault(start, Set.of()));
        while (!todo.isEmpty()) {
            long next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(edges.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }

    boolean isAdmin(Principal p) {
        Long admins = groupId(UserService.ADMINS);
        return p.active() && admins != null && groupsOf(p.id()).contains(admins);
    }

    /** Its own entitlements and its groups'; every one for an administrator; none when inactive. */
    Set<String> effectiveEntitlements(Principal p) {
        if (!p.active()) {
            return Set.of();
        }
        if (isAdmin(p)) {
            return new TreeSet<>(UserService.ENTITLEMENTS);
        }
        Set<String> all = new TreeSet<>(entitlements(p.id()));
        groupsOf(p.id()).forEach(g -> all.addAll(entitlements(g)));
        return all;
    }

    /** @throws BrickworksException PERMISSION_DENIED unless {@code caller} is an active administrator */
    static void requireAdmin(Connection c, String caller) throws SQLException {
        if (!isActiveAdmin(c, caller)) {
            throw new BrickworksException(ErrorCode.PERMISSION_DENIED,
                    "Only administrators (members of the admins group) may do this; " + caller + " is none");
        }
    }

    static boolean isActiveAdmin(Connection c, String userName) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT is_admin, active FROM users WHERE user_name = ?")) {
            s.setString(1, userName);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1) && r.getBoolean(2);
            }
        }
    }

    /**
     * Brings {@code users.is_admin} in line with membership of the admins group, read again, and refuses (rolling
     * the transaction back) a change that would leave no active administrator user.
     */
    static void syncAdmins(Connection c) throws SQLException {
        Directory d = read(c);
        Long admins = d.groupId(UserService.ADMINS);
        Set<Long> ids = admins == null ? Set.of() : d.transitiveMembers(admins);
        try (PreparedStatement clear = c.prepareStatement("UPDATE users SET is_admin = FALSE WHERE is_admin = TRUE");
                PreparedStatement set = c.prepareStatement("UPDATE users SET is_admin = TRUE WHERE id = ?")) {
            clear.executeUpdate();
            for (long id : ids) {
                set.setLong(1, id);
                set.executeUpdate();
            }
        }
        boolean anyActive = ids.stream().map(d.principals::get)
                .anyMatch(p -> p != null && p.active() && p.kind() == PrincipalKind.USER);
        if (!anyActive) {
            throw BrickworksException.invalidParameter(
                    "The admins group must keep at least one active user: the change was not made");
        }
    }

    /** Sets the entitlements of a principal or group to exactly {@code wanted}. */
    static void writeEntitlements(Connection c, long id, Set<String> wanted) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM entitlements WHERE principal_id = ?");
                PreparedStatement insert = c
                        .prepareStatement("INSERT INTO entitlements (principal_id, entitlement) VALUES (?, ?)")) {
            delete.setLong(1, id);
            delete.executeUpdate();
            for (String entitlement : new TreeSet<>(wanted)) {
                insert.setLong(1, id);
                insert.setString(2, entitlement);
                insert.executeUpdate();
            }
        }
    }

    /**
     * Deletes principal or group {@code id} from {@code table} ({@code users} or {@code user_groups}) with its
     * memberships and entitlements.
     */
    static void delete(Connection c, String table, long id) throws SQLException {
        for (String sql : List.of("DELETE FROM group_members WHERE member_id = ?",
                "DELETE FROM entitlements WHERE principal_id = ?", "DELETE FROM " + table + " WHERE id = ?")) {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, id);
                s.executeUpdate();
            }
        }
    }
}
