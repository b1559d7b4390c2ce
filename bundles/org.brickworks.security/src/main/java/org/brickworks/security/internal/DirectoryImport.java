package org.brickworks.security.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.brickworks.security.api.UserService;
import org.brickworks.security.api.dto.ExternalDirectory;
import org.brickworks.security.api.dto.ExternalDirectory.ExternalGroup;
import org.brickworks.security.api.dto.ExternalDirectory.ExternalUser;
import org.brickworks.store.api.Store;

/**
 * Brings an identity provider's users and groups into the store, in one transaction. Users it brought carry the
 * external id {@code <provider>:<user name>}; a local user of the same name stays local. A group of the directory is
 * created when missing (an existing one, even built-in, is used: a directory group {@code admins} makes
 * administrators); its members from this provider become exactly the directory's, other members stay. Imported users
 * no longer in the directory are disabled, not deleted, so that what they own keeps its owner.
 */
final class DirectoryImport {
    private final Store store;

    DirectoryImport(Store store) {
        this.store = store;
    }

    /** The number of users the directory holds. */
    int run(String provider, ExternalDirectory directory) {
        String prefix = provider + ":";
        return store.transaction(c -> {
            Map<String, Long> imported = new HashMap<>();
            for (ExternalUser user : directory.users()) {
                String name = Inputs.userName(user.userName());
                Long id = upsertUser(c, prefix, name, user);
                if (id != null) {
                    imported.put(name, id);
                }
            }
            disableLeavers(c, prefix, imported.keySet());
            for (ExternalGroup group : directory.groups()) {
                long id = group(c, prefix, Inputs.required(group.displayName(), "displayName"));
                Set<Long> members = new HashSet<>();
                group.memberUserNames().stream().map(imported::get).filter(m -> m != null).forEach(members::add);
                setMembers(c, prefix, id, members);
            }
            Directory.syncAdmins(c);
            return directory.users().size();
        });
    }

    /** The user's id, or null when a local user has the name. */
    private static Long upsertUser(Connection c, String prefix, String name, ExternalUser user) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, external_id FROM users WHERE user_name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    if (!(prefix + name).equals(r.getString(2))) {
                        return null;
                    }
                    long id = r.getLong(1);
                    update(c, id, user, name);
                    return id;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO users (user_name, display_name, is_admin,"
                + " created_at, kind, given_name, family_name, external_id, active)"
                + " VALUES (?, ?, FALSE, ?, 'USER', ?, ?, ?, TRUE)")) {
            s.setString(1, name);
            s.setString(2, user.displayName() == null ? name : Inputs.optional(user.displayName(), "displayName"));
            s.setLong(3, System.currentTimeMillis());
            s.setString(4, Inputs.optional(user.givenName(), "givenName"));
            s.setString(5, Inputs.optional(user.familyName(), "familyName"));
            s.setString(6, prefix + name);
            s.executeUpdate();
        }
        long id = StoreUserService.find(c, name).orElseThrow().id();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO group_members (group_id, member_id)"
                + " SELECT id, CAST(? AS BIGINT) FROM user_groups WHERE display_name = ?")) {
            s.setLong(1, id);
            s.setString(2, UserService.USERS);
            s.executeUpdate();
        }
        return id;
    }

    private static void update(Connection c, long id, ExternalUser user, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE users SET display_name = ?, given_name = ?, family_name = ?, active = TRUE WHERE id = ?")) {
            s.setString(1, user.displayName() == null ? name : Inputs.optional(user.displayName(), "displayName"));
            s.setString(2, Inputs.optional(user.givenName(), "givenName"));
            s.setString(3, Inputs.optional(user.familyName(), "familyName"));
            s.setLong(4, id);
            s.executeUpdate();
        }
    }

    private static void disableLeavers(Connection c, String prefix, Set<String> present) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT id, user_name FROM users WHERE external_id LIKE ?");
                PreparedStatement disable = c.prepareStatement("UPDATE users SET active = FALSE WHERE id = ?")) {
            select.setString(1, prefix.replace("%", "\\%").replace("_", "\\_") + "%");
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    if (!present.contains(r.getString(2))) {
                        disable.setLong(1, r.getLong(1));
                        disable.executeUpdate();
                    }
                }
            }
        }
    }

    private static long group(Connection c, String prefix, String name) throws SQLException {
        Long id = Directory.read(c).groupId(name);
        if (id != null) {
            return id;
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO user_groups (display_name, external_id, created_at) VALUES (?, ?, ?)")) {
            s.setString(1, name);
            s.setString(2, prefix + name);
            s.setLong(3, System.currentTimeMillis());
            s.executeUpdate();
        }
        return Directory.read(c).groupId(name);
    }

    /** Makes the members of {@code group} this provider brought exactly {@code members}. */
    private static void setMembers(Connection c, String prefix, long group, Set<Long> members) throws SQLException {
        Directory d = Directory.read(c);
        Set<Long> current = d.members(group);
        try (PreparedStatement remove = c
                .prepareStatement("DELETE FROM group_members WHERE group_id = ? AND member_id = ?");
                PreparedStatement add = c
                        .prepareStatement("INSERT INTO group_members (group_id, member_id) VALUES (?, ?)")) {
            for (long member : current) {
                var p = d.principals().get(member);
                boolean ours = p != null && p.externalId() != null && p.externalId().startsWith(prefix);
                if (ours && !members.contains(member)) {
                    remove.setLong(1, group);
                    remove.setLong(2, member);
                    remove.executeUpdate();
                }
            }
            for (long member : members) {
                if (!current.contains(member)) {
                    add.setLong(1, group);
                    add.setLong(2, member);
                    add.executeUpdate();
                }
            }
        }
    }
}
