package org.brickworks.workspace.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.brickworks.workspace.api.dto.NotebookLanguage;
import org.brickworks.workspace.api.dto.ObjectType;
import org.brickworks.workspace.api.dto.Revision;
import org.brickworks.workspace.api.dto.WorkspaceObject;

/**
 * SQL over the workspace tables, on a connection of the caller's transaction. Stateless: the service decides what runs
 * in one transaction.
 */
final class WorkspaceRecords {
    private static final String OBJECT = "SELECT object_id, path, object_type, language, owner, created_at,"
            + " modified_at, size FROM workspace_objects";
    private static final String REVISION = "SELECT revision_id, object_id, created_at, author, reason, restored_from,"
            + " cell_count FROM workspace_revisions";

    /** A revision's id and stored JSON content. */
    record StoredRevision(long revisionId, String content) {
    }

    private WorkspaceRecords() {
    }

    static Optional<WorkspaceObject> find(Connection c, String path) throws SQLException {
        return objects(c, OBJECT + " WHERE path = ?", path).stream().findFirst();
    }

    static Optional<WorkspaceObject> find(Connection c, long objectId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(OBJECT + " WHERE object_id = ?")) {
            s.setLong(1, objectId);
            return read(s).stream().findFirst();
        }
    }

    /** The directories above {@code path}, nearest first, up to the root. */
    static List<WorkspaceObject> ancestors(Connection c, String path) throws SQLException {
        List<String> paths = new ArrayList<>();
        for (String parent = WorkspacePaths.parent(path); parent != null; parent = WorkspacePaths.parent(parent)) {
            paths.add(parent);
        }
        if (paths.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement s = c.prepareStatement(OBJECT + " WHERE path IN ("
                + String.join(", ", paths.stream().map(p -> "?").toList()) + ")")) {
            for (int i = 0; i < paths.size(); i++) {
                s.setString(i + 1, paths.get(i));
            }
            List<WorkspaceObject> found = new ArrayList<>(read(s));
            found.sort((a, b) -> Integer.compare(b.path().length(), a.path().length()));
            return found;
        }
    }

    /**
     * The children of a folder, folders first, then by path: sorted here, as H2 sorted a large folder's rows by an
     * expression slower than reading them.
     */
    static List<WorkspaceObject> children(Connection c, String path) throws SQLException {
        List<WorkspaceObject> children = objects(c, OBJECT + " WHERE parent_path = ?", path);
        children.sort(Comparator.comparing((WorkspaceObject o) -> o.type() != ObjectType.DIRECTORY)
                .thenComparing(WorkspaceObject::path));
        return children;
    }

    static boolean hasChildren(Connection c, String path) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM workspace_objects WHERE parent_path = ?")) {
            s.setString(1, path);
            s.setMaxRows(1);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Inserts an object; returns it with its new id. */
    static WorkspaceObject insert(Connection c, String path, ObjectType type, NotebookLanguage language, String owner,
            long now, String content, long size) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO workspace_objects (path, parent_path, object_type,"
                + " language, owner, created_at, modified_at, size, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, path);
            s.setString(2, WorkspacePaths.parent(path));
            s.setString(3, type.name());
            s.setString(4, language == null ? null : language.name());
            s.setString(5, owner);
            s.setLong(6, now);
            s.setLong(7, now);
            s.setLong(8, size);
            if (content == null) {
                s.setNull(9, Types.VARCHAR);
            } else {
                s.setString(9, content);
            }
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return new WorkspaceObject(keys.getLong(1), path, type, language, owner, now, now, size);
            }
        }
    }

    /** A new save of an existing object: language, modification time and (files) content. */
    static void touch(Connection c, long objectId, NotebookLanguage language, long now, String content, long size)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE workspace_objects SET language = ?, modified_at = ?,"
                + " content = ?, size = ? WHERE object_id = ?")) {
            s.setString(1, language == null ? null : language.name());
            s.setLong(2, now);
            if (content == null) {
                s.setNull(3, Types.VARCHAR);
            } else {
                s.setString(3, content);
            }
            s.setLong(4, size);
            s.setLong(5, objectId);
            s.executeUpdate();
        }
    }

    static String fileContent(Connection c, long objectId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT content FROM workspace_objects WHERE object_id = ?")) {
            s.setLong(1, objectId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    /** Deletes the object and, below a directory, everything under it (revisions go with their notebooks). */
    static void deleteTree(Connection c, String path) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM workspace_objects WHERE path = ? OR path LIKE ? ESCAPE '\\'")) {
            s.setString(1, path);
            String escaped = path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            s.setString(2, (WorkspacePaths.ROOT.equals(path) ? "" : escaped) + "/%");
            s.executeUpdate();
        }
    }

    static Revision addRevision(Connection c, long objectId, long now, String author, String reason,
            long restoredFrom, int cellCount, String content) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO workspace_revisions (object_id, created_at, author,"
                + " reason, restored_from, cell_count, content) VALUES (?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setLong(1, objectId);
            s.setLong(2, now);
            s.setString(3, author);
            s.setString(4, reason);
            s.setLong(5, restoredFrom);
            s.setInt(6, cellCount);
            s.setString(7, content);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return new Revision(keys.getLong(1), objectId, now, author, reason, restoredFrom, cellCount);
            }
        }
    }

    static List<Revision> revisions(Connection c, long objectId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(REVISION + " WHERE object_id = ? ORDER BY revision_id DESC")) {
            s.setLong(1, objectId);
            List<Revision> revisions = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    revisions.add(new Revision(r.getLong(1), r.getLong(2), r.getLong(3), r.getString(4),
                            r.getString(5), r.getLong(6), r.getInt(7)));
                }
            }
            return revisions;
        }
    }

    /** The content of one revision of the object, or of its newest when {@code revisionId} is 0: id and JSON. */
    static Optional<StoredRevision> revisionContent(Connection c, long objectId, long revisionId) throws SQLException {
        String sql = "SELECT revision_id, content FROM workspace_revisions WHERE object_id = ?"
                + (revisionId == 0 ? " ORDER BY revision_id DESC" : " AND revision_id = ?");
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, objectId);
            if (revisionId != 0) {
                s.setLong(2, revisionId);
            }
            s.setMaxRows(1);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new StoredRevision(r.getLong(1), r.getString(2))) : Optional.empty();
            }
        }
    }

    private static List<WorkspaceObject> objects(Connection c, String sql, String path) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, path);
            return read(s);
        }
    }

    private static List<WorkspaceObject> read(PreparedStatement s) throws SQLException {
        List<WorkspaceObject> objects = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String language = r.getString(4);
                objects.add(new WorkspaceObject(r.getLong(1), r.getString(2), ObjectType.valueOf(r.getString(3)),
                        language == null ? null : NotebookLanguage.valueOf(language), r.getString(5), r.getLong(6),
                        r.getLong(7), r.getLong(8)));
            }
        }
        return objects;
    }
}
