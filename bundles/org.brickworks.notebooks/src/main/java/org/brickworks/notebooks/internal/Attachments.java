package org.brickworks.notebooks.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;

import org.brickworks.store.api.Store;

/**
 * Which execution context each notebook is attached to, in the store (so an updated notebooks bundle finds the
 * contexts its predecessor attached): one row per attached notebook. Thread-safe.
 */
final class Attachments {
    private static final String AREA = "notebook-attachments";
    private static final List<String> MIGRATIONS = List.of("CREATE TABLE notebook_attachments (object_id BIGINT"
            + " PRIMARY KEY, cluster_id VARCHAR(64) NOT NULL, context_id VARCHAR(128) NOT NULL,"
            + " attached_at BIGINT NOT NULL)");

    private final Store store;

    Attachments(Store store) {
        this.store = store;
        store.migrate(AREA, MIGRATIONS);
    }

    /** A notebook's attachment. */
    record Attachment(String clusterId, String contextId) {
    }

    Optional<Attachment> get(long objectId) {
        return store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT cluster_id, context_id FROM notebook_attachments WHERE object_id = ?")) {
                s.setLong(1, objectId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Attachment(r.getString(1), r.getString(2))) : Optional.empty();
                }
            }
        });
    }

    void put(long objectId, Attachment attachment) {
        store.transaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM notebook_attachments WHERE object_id = ?");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO notebook_attachments (object_id,"
                            + " cluster_id, context_id, attached_at) VALUES (?, ?, ?, ?)")) {
                delete.setLong(1, objectId);
                delete.executeUpdate();
                insert.setLong(1, objectId);
                insert.setString(2, attachment.clusterId());
                insert.setString(3, attachment.contextId());
                insert.setLong(4, System.currentTimeMillis());
                return insert.executeUpdate();
            }
        });
    }

    void remove(long objectId) {
        store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM notebook_attachments WHERE object_id = ?")) {
                s.setLong(1, objectId);
                return s.executeUpdate();
            }
        });
    }
}
