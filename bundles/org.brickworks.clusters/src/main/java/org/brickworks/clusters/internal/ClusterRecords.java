package org.brickworks.clusters.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.brickworks.clusters.api.dto.ClusterEvent;
import org.brickworks.clusters.api.dto.ClusterInfo;
import org.brickworks.clusters.api.dto.ClusterSpec;
import org.brickworks.clusters.api.dto.ClusterState;
import org.brickworks.clusters.api.dto.DriverNode;
import org.brickworks.clusters.api.dto.EventPage;
import org.brickworks.clusters.api.dto.EventQuery;
import org.brickworks.clusters.api.dto.TerminationReason;
import org.brickworks.store.api.Store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Clusters and their events in the store. Every state change goes through {@link #move}, which reads, changes and
 * writes a cluster in one transaction, one change at a time, and records the event with it. The committed state of
 * each cluster is also kept in memory, so that the calls of the Command Execution API check it without the store.
 */
final class ClusterRecords {
    private static final String SELECT = "SELECT cluster_id, spec, state, state_message, start_time, terminated_time,"
            + " termination_code, termination_type, termination_message, driver_host, driver_port, driver_pid,"
            + " driver_start_time, driver_connect_port, pinned, cluster_source, creator_user_name FROM clusters";
    private static final int MAX_TEXT = 4000;

    private final Store store;
    private final ObjectMapper json = new ObjectMapper();
    /** Committed states, changed only under this object's lock, after the transaction that wrote them. */
    private final Map<String, ClusterState> states = new ConcurrentHashMap<>();
    private final Consumer<ClusterInfo> stateChanges;

    /** {@code stateChanges} hears every cluster whose state an insert or a move changed, after the commit. */
    ClusterRecords(Store store, Consumer<ClusterInfo> stateChanges) {
        this.store = store;
        this.stateChanges = stateChanges;
        store.migrate(ClusterSchema.AREA, ClusterSchema.MIGRATIONS);
    }

    synchronized void insert(ClusterInfo cluster, String eventType, String message) {
        String spec = specJson(cluster.spec());
        store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO clusters (cluster_id, spec, state,"
                    + " state_message, start_time, terminated_time, cluster_source, creator_user_name)"
                    + " VALUES (?, ?, ?, ?, ?, 0, ?, ?)")) {
                s.setString(1, cluster.clusterId());
                s.setString(2, spec);
                s.setString(3, cluster.state().name());
                s.setString(4, text(cluster.stateMessage()));
                s.setLong(5, cluster.startTime());
                s.setString(6, cluster.clusterSource());
                s.setString(7, cluster.creatorUserName());
                s.executeUpdate();
            }
            return addEvent(c, cluster.clusterId(), eventType, message);
        });
        states.put(cluster.clusterId(), cluster.state());
        stateChanges.accept(cluster);
    }

    /**
     * Applies {@code change} to the cluster and records an event of {@code eventType} when it returns a new cluster;
     * a null answer changes nothing. Empty when the cluster no longer exists.
     */
    synchronized Optional<ClusterInfo> move(String clusterId, UnaryOperator<ClusterInfo> change, String eventType,
            String message) {
        boolean[] stateChanged = { false };
        Optional<ClusterInfo> moved = store.transaction(c -> {
            Optional<ClusterInfo> cluster = find(c, clusterId);
            ClusterInfo changed = cluster.map(change).orElse(null);
            if (changed == null) {
                return cluster;
            }
            update(c, changed);
            addEvent(c, clusterId, eventType, message);
            stateChanged[0] = changed.state() != cluster.get().state();
            return Optional.of(changed);
        });
        remember(clusterId, moved);
        if (stateChanged[0]) {
            stateChanges.accept(moved.get());
        }
        return moved;
    }

    /** The cluster's committed state, from memory once known; empty when the cluster does not exist. */
    Optional<ClusterState> state(String clusterId) {
        ClusterState known = states.get(clusterId);
        return known != null ? Optional.of(known) : loadState(clusterId);
    }

    private synchronized Optional<ClusterState> loadState(String clusterId) {
        Optional<ClusterInfo> cluster = find(clusterId);
        remember(clusterId, cluster);
        return cluster.map(ClusterInfo::state);
    }

    private void remember(String clusterId, Optional<ClusterInfo> cluster) {
        cluster.ifPresentOrElse(found -> states.put(clusterId, found.state()), () -> states.remove(clusterId));
    }

    void event(String clusterId, String eventType, String message) {
        store.transaction(c -> addEvent(c, clusterId, eventType, message));
    }

    Optional<ClusterInfo> find(String clusterId) {
        return store.transaction(c -> find(c, clusterId));
    }

    List<ClusterInfo> list() {
        return store.transaction(c -> query(c, SELECT + " ORDER BY start_time DESC", null));
    }

    List<ClusterEvent> events(String clusterId) {
        return store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT event_time, event_type, message FROM cluster_events"
                    + " WHERE cluster_id = ? ORDER BY id")) {
                s.setString(1, clusterId);
                List<ClusterEvent> events = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        events.add(new ClusterEvent(clusterId, r.getLong(1), r.getString(2), r.getString(3)));
                    }
                }
                return events;
            }
        });
    }

    EventPage events(String clusterId, EventQuery query) {
        return store.transaction(c -> EventPages.read(c, clusterId, query));
    }

    synchronized void delete(String clusterId) {
        store.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM clusters WHERE cluster_id = ?")) {
                s.setString(1, clusterId);
                return s.executeUpdate();
            }
        });
        states.remove(clusterId);
    }

    private Optional<ClusterInfo> find(Connection c, String clusterId) throws SQLException {
        return query(c, SELECT + " WHERE cluster_id = ?", clusterId).stream().findFirst();
    }

    private List<ClusterInfo> query(Connection c, String sql, String clusterId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (clusterId != null) {
                s.setString(1, clusterId);
            }
            List<ClusterInfo> clusters = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    clusters.add(cluster(r));
                }
            }
            return clusters;
        }
    }

    private ClusterInfo cluster(ResultSet r) throws SQLException {
        String code = r.getString(7);
        TerminationReason reason = code == null ? null : new TerminationReason(code, r.getString(8), r.getString(9));
        String host = r.getString(10);
        DriverNode driver = host == null ? null
                : new DriverNode(host, r.getInt(11), r.getLong(12), r.getLong(13), r.getInt(14));
        return new ClusterInfo(r.getString(1), spec(r.getString(2)), ClusterState.valueOf(r.getString(3)),
                r.getString(4), r.getLong(5), r.getLong(6), reason, driver, List.of(), r.getBoolean(15),
                r.getString(16), r.getString(17));
    }

    private void update(Connection c, ClusterInfo cluster) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE clusters SET state = ?, state_message = ?,"
                + " terminated_time = ?, termination_code = ?, termination_type = ?, termination_message = ?,"
                + " driver_host = ?, driver_port = ?, driver_pid = ?, driver_start_time = ?,"
                + " driver_connect_port = ?, pinned = ?, spec = ? WHERE cluster_id = ?")) {
            s.setString(1, cluster.state().name());
            s.setString(2, text(cluster.stateMessage()));
            s.setLong(3, cluster.terminatedTime());
            TerminationReason reason = cluster.terminationReason();
            s.setString(4, reason == null ? null : reason.code());
            s.setString(5, reason == null ? null : reason.type());
            s.setString(6, reason == null ? null : text(reason.message()));
            DriverNode driver = cluster.driver();
            s.setString(7, driver == null ? null : driver.host());
            setNullable(s, 8, driver == null ? null : (long) driver.port(), Types.INTEGER);
            setNullable(s, 9, driver == null ? null : driver.pid(), Types.BIGINT);
            setNullable(s, 10, driver == null ? null : driver.startTime(), Types.BIGINT);
            setNullable(s, 11, driver == null ? null : (long) driver.connectPort(), Types.INTEGER);
            s.setBoolean(12, cluster.pinned());
            s.setString(13, specJson(cluster.spec()));
            s.setString(14, cluster.clusterId());
            s.executeUpdate();
        }
    }

    private static void setNullable(PreparedStatement s, int index, Long value, int type) throws SQLException {
        if (value == null) {
            s.setNull(index, type);
        } else if (type == Types.INTEGER) {
            s.setInt(index, value.intValue());
        } else {
            s.setLong(index, value);
        }
    }

    /** Inserts nothing when the cluster is gone (permanently deleted while its driver stopped). */
    private static int addEvent(Connection c, String clusterId, String type, String message) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO cluster_events (cluster_id, event_time, event_type,"
                + " message) SELECT cluster_id, ?, ?, ? FROM clusters WHERE cluster_id = ?")) {
            s.setLong(1, System.currentTimeMillis());
            s.setString(2, type);
            s.setString(3, text(message));
            s.setString(4, clusterId);
            return s.executeUpdate();
        }
    }

    private static String text(String value) {
        return value.length() > MAX_TEXT ? value.substring(0, MAX_TEXT) : value;
    }

    private String specJson(ClusterSpec spec) {
        try {
            return json.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a cluster spec as JSON", e);
        }
    }

    private ClusterSpec spec(String value) {
        try {
            return json.readValue(value, ClusterSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a cluster spec from the store", e);
        }
    }
}
