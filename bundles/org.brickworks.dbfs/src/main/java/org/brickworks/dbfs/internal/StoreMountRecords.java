package org.brickworks.dbfs.internal;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.brickworks.dbfs.api.dto.MountSpec;
import org.brickworks.secrets.api.CredentialSealer;
import org.brickworks.store.api.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Mounts in the store: mount point, source and settings. The settings (account keys, SAS tokens, OAuth client
 * secrets) are kept sealed by the secrets area's {@link CredentialSealer}, bound to their mount point; rows written
 * in plaintext before sealing existed are sealed in place the first time they are read.
 */
final class StoreMountRecords implements MountTable.Records {
    static final String AREA = "dbfs";
    static final List<String> MIGRATIONS = List.of("CREATE TABLE dbfs_mounts (mount_point VARCHAR(1024) PRIMARY KEY,"
            + " source VARCHAR(4000) NOT NULL, extra_configs VARCHAR(1000000) NOT NULL)");
    private static final Logger LOG = LoggerFactory.getLogger(StoreMountRecords.class);
    private static final TypeReference<Map<String, String>> SETTINGS = new TypeReference<>() {
    };

    private final Store store;
    private final Supplier<CredentialSealer> sealer;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param sealer
     *            the sealer now, waiting for it while the secrets bundle is swapped; asked only when there are mounts
     */
    StoreMountRecords(Store store, Supplier<CredentialSealer> sealer) {
        this.store = store;
        this.sealer = sealer;
        store.migrate(AREA, MIGRATIONS);
    }

    /** A stored row: {@code settings} sealed, or plaintext JSON from before sealing. */
    private record Row(String mountPoint, String source, String settings) {
    }

    @Override
    public List<MountSpec> load() {
        List<Row> rows = store.transaction(c -> {
            List<Row> all = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT mount_point, source, extra_configs FROM dbfs_mounts");
                    ResultSet result = s.executeQuery()) {
                while (result.next()) {
                    all.add(new Row(result.getString(1), result.getString(2), result.getString(3)));
                }
            }
            return all;
        });
        List<MountSpec> specs = new ArrayList<>();
        for (Row row : rows) {
            if (!CredentialSealer.isSealed(row.settings())) {
                sealInPlace(row);
                specs.add(new MountSpec(row.source(), row.mountPoint(), settings(row.settings())));
            } else {
                byte[] plain = sealer.get().unseal(purpose(row.mountPoint()), row.settings());
                specs.add(new MountSpec(row.source(), row.mountPoint(),
                        settings(new String(plain, StandardCharsets.UTF_8))));
            }
        }
        return specs;
    }

    /** Replaces a plaintext row by its sealed settings, unless it changed since it was read. */
    private void sealInPlace(Row row) {
        String sealed = seal(row.mountPoint(), row.settings());
        int changed = store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE dbfs_mounts SET extra_configs = ? WHERE mount_point = ? AND extra_configs = ?")) {
                s.setString(1, sealed);
                s.setString(2, row.mountPoint());
                s.setString(3, row.settings());
                return s.executeUpdate();
            }
        });
        if (changed > 0) {
            LOG.info("Sealed the plaintext credentials of the mount {} in the store", row.mountPoint());
        }
    }

    @Override
    public void insert(MountSpec spec) {
        String settings = seal(spec.mountPoint(), text(spec.extraConfigs()));
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

    private String seal(String mountPoint, String settings) {
        return sealer.get().seal(purpose(mountPoint), settings.getBytes(StandardCharsets.UTF_8));
    }

    /** Binds the sealed settings to their mount point: moved to another row, they fail to open. */
    private static String purpose(String mountPoint) {
        return "dbfs mount " + mountPoint;
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
