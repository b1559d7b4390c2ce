package org.brickworks.clusters.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.brickworks.clusters.api.dto.InstancePool;
import org.brickworks.store.api.Store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Instance pools in the store (without their stats, which are counted live). */
final class PoolRecords {
    private static final String SELECT = "SELECT instance_pool_id, name, node_type_id, min_idle, max_capacity,"
            + " spark_versions FROM instance_pools";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Store store;
    private final ObjectMapper json = new ObjectMapper();

    /** Expects the clusters area's migrations to have run (see {@link ClusterRecords}). */
    PoolRecords(Store store) {
        this.store = store;
    }

    void insert(InstancePool pool, String creator) {
        String versions = write(pool.preloadedSparkVersions());
        store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO instance_pools (instance_pool_id, name,"
                    + " node_type_id, min_idle, max_capacity, spark_versions, creator_user_name)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, pool.instancePoolId());
                s.setString(2, pool.name());
                s.setString(3, pool.nodeTypeId());
                s.setInt(4, pool.minIdleInstances());
                s.setInt(5, pool.maxCapacity());
                s.setString(6, versions);
                s.setString(7, creator);
                return s.executeUpdate();
            }
        });
    }

    /** The pool's creator: empty for an unknown pool, an empty string when the platform created it. */
    Optional<String> creator(String poolId) {
        return store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT creator_user_name FROM instance_pools WHERE instance_pool_id = ?")) {
                s.setString(1, poolId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1) == null ? "" : r.getString(1)) : Optional.empty();
                }
            }
        });
    }

    Optional<InstancePool> find(String poolId) {
        return store.transaction(c -> query(c, SELECT + " WHERE instance_pool_id = ?", poolId).stream().findFirst());
    }

    List<InstancePool> list() {
        return store.transaction(c -> query(c, SELECT + " ORDER BY name", null));
    }

    boolean delete(String poolId) {
        return store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM instance_pools WHERE instance_pool_id = ?")) {
                s.setString(1, poolId);
                return s.executeUpdate() > 0;
            }
        });
    }

    private List<InstancePool> query(Connection c, String sql, String poolId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (poolId != null) {
                s.setString(1, poolId);
            }
            List<InstancePool> pools = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    pools.add(new InstancePool(r.getString(1), r.getString(2), r.getString(3), r.getInt(4),
                            r.getInt(5), read(r.getString(6)), null));
                }
            }
            return pools;
        }
    }

    private String write(List<String> versions) {
        try {
            return json.writeValueAsString(versions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a pool's versions as JSON", e);
        }
    }

    private List<String> read(String versions) {
        try {
            return json.readValue(versions, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a pool's versions from the store", e);
        }
    }
}
