package org.brickworks.permissions.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.brickworks.permissions.api.ObjectRef;
import org.brickworks.store.api.Store;

/** The {@code object_permissions} table: every statement the service runs on it. */
final class AclStore {
    private static final String COLUMNS = "object_type, object_id, principal_kind, principal, permission_level";

    private final Store store;

    AclStore(Store store) {
        this.store = store;
        store.migrate(PermissionsSchema.AREA, PermissionsSchema.MIGRATIONS);
    }

    /** Every entry on any of {@code objects}, in one query. */
    List<Entry> on(List<ObjectRef> objects) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM object_permissions WHERE ");
        for (int i = 0; i < objects.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append("(object_type = ? AND object_id = ?)");
        }
        return store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                int i = 1;
                for (ObjectRef object : objects) {
                    s.setString(i++, object.type());
                    s.setString(i++, object.id());
                }
                return read(s);
            }
        });
    }

    /** The entries naming {@code user} (as a user or service principal) or one of {@code groups}, on objects of {@code types}. */
    List<Entry> of(String user, Collection<String> groups, Collection<String> types) {
        String groupMarks = String.join(", ", groups.stream().map(g -> "?").toList());
        String typeMarks = String.join(", ", types.stream().map(t -> "?").toList());
        String sql = "SELECT " + COLUMNS + " FROM object_permissions WHERE object_type IN (" + typeMarks + ") AND"
                + " ((principal = ? AND principal_kind <> 'GROUP')"
                + (groups.isEmpty() ? "" : " OR (principal IN (" + groupMarks + ") AND principal_kind = 'GROUP')")
                + ")";
        return store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                for (String type : types) {
                    s.setString(i++, type);
                }
                s.setString(i++, user);
                for (String group : groups) {
                    s.setString(i++, group);
                }
                return read(s);
            }
        });
    }

    /**
     * Writes {@code entries} over the object's entries in one transaction: a PUT ({@code replace}) first removes every
     * other entry but those of {@code ownerLevel} ({@code IS_OWNER}: a job keeps its owner through a PUT that names
     * none); an entry of {@code ownerLevel} replaces the previous owner's.
     */
    void write(ObjectRef object, boolean replace, String ownerLevel, List<Entry> entries) {
        boolean newOwner = entries.stream().anyMatch(e -> e.level().equals(ownerLevel));
        store.transaction(c -> {
            if (replace || newOwner) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM object_permissions WHERE object_type = ?"
                        + " AND object_id = ? AND (permission_level " + (replace ? "<>" : "=") + " ? OR ?)")) {
                    s.setString(1, object.type());
                    s.setString(2, object.id());
                    s.setString(3, ownerLevel);
                    s.setBoolean(4, replace && newOwner);
                    s.executeUpdate();
                }
            }
            for (Entry entry : entries) {
                write(c, entry);
            }
            return null;
        });
    }

    private static void write(Connection c, Entry entry) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM object_permissions WHERE object_type = ?"
                + " AND object_id = ? AND principal_kind = ? AND principal = ?")) {
            delete.setString(1, entry.object().type());
            delete.setString(2, entry.object().id());
            delete.setString(3, entry.kind().name());
            delete.setString(4, entry.principal());
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO object_permissions (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, entry.object().type());
            insert.setString(2, entry.object().id());
            insert.setString(3, entry.kind().name());
            insert.setString(4, entry.principal());
            insert.setString(5, entry.level());
            insert.executeUpdate();
        }
    }

    void forget(ObjectRef object) {
        store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM object_permissions WHERE object_type = ? AND object_id = ?")) {
                s.setString(1, object.type());
                s.setString(2, object.id());
                return s.executeUpdate();
            }
        });
    }

    private static List<Entry> read(PreparedStatement s) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                entries.add(new Entry(new ObjectRef(r.getString(1), r.getString(2)),
                        PrincipalKind.valueOf(r.getString(3)), r.getString(4), r.getString(5)));
            }
        }
        return entries;
    }
}
