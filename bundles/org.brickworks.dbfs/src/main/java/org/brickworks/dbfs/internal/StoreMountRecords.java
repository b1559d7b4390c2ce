package org.brickworks.dbfs.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.brickworks.dbfs.api.dto.MountSpec;
import org.brickworks.store.api.Store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Mounts in the store: mount point, source and settings (credentials among them, as the store keeps secrets). */
final class StoreMountRecords implements MountTable.Records {
    static final String AREA = "dbfs";
    static final List<String> MIGRATIONS = List.of("CREATE TABLE dbfs_mounts (mount_point VARCHAR(1024) PRIMARY KEY,"
            + " source VARCHAR(4000) NOT NULL, extra_configs VARCHAR(1000000) NOT NULL)");
    private static final TypeReference<Map<String, String>> SETTINGS = new TypeReference<>() {
    };

    private final Store store;
    private final ObjectMapper json = new ObjectMapper();

    StoreMountRecords(Store store) {
        this.store = store;
        store.migrate(AREA, MIGRATIONS);
    }

    @Override
    public List<MountSpec> load() {
        return store.transaction(c -> {
            List<MountSpec> specs = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT mount_point, source, extra_configs FROM dbfs_mounts");
                    ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    specs.add(new MountSpec(rows.getString(2), rows.getString(1), settings(rows.getString(3))));
                }
            }
            return specs;
        });
    }

    @Override
    public void insert(MountSpec spec) {
        String settings = text(spec.extraConfigs());
        store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO dbfs_mounts (mount_point, source, extra_configs) VALUES (?, ?, ?)")) {
                s.setString(1, spec.mountPoint());
                s.setString(2, spec.source());
                s.setString(3, settings);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void delete(String mountPoint) {
        store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM dbfs_mounts WHERE mount_point = ?")) {
                s.setString(1, mountPoint);
                return s.executeUpdate();
            }
        });
    }

    private Map<String, String> settings(String text) {
        try {
            return json.readValue(text, SETTINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable settings of a mount in the store", e);
        }
    }

    private String text(Map<String, String> settings) {
        try {
            return json.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
