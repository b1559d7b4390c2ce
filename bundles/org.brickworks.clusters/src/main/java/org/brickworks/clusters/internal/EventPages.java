package org.brickworks.clusters.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.brickworks.clusters.api.dto.ClusterEvent;
import org.brickworks.clusters.api.dto.EventPage;
import org.brickworks.clusters.api.dto.EventQuery;

/**
 * A page of a cluster's events from the store, filtered, ordered and counted by the database: events accumulate for
 * as long as a cluster lives, and a client pages through them.
 */
final class EventPages {
    private EventPages() {
    }

    static EventPage read(Connection c, String clusterId, EventQuery query) throws SQLException {
        List<Object> values = new ArrayList<>(List.of(clusterId));
        StringBuilder where = new StringBuilder(" FROM cluster_events WHERE cluster_id = ?");
        if (query.startTime() != null) {
            where.append(" AND event_time >= ?");
            values.add(query.startTime());
        }
        if (query.endTime() != null) {
            where.append(" AND event_time <= ?");
            values.add(query.endTime());
        }
        if (!query.eventTypes().isEmpty()) {
            where.append(" AND event_type IN (").append("?, ".repeat(query.eventTypes().size() - 1)).append("?)");
            values.addAll(query.eventTypes());
        }
        List<ClusterEvent> events = new ArrayList<>();
        try (ResultSet r = select(c, "SELECT event_time, event_type, message" + where + " ORDER BY id "
                + (query.newestFirst() ? "DESC" : "ASC") + " OFFSET " + query.offset() + " ROWS FETCH NEXT "
                + query.limit() + " ROWS ONLY", values)) {
            while (r.next()) {
                events.add(new ClusterEvent(clusterId, r.getLong(1), r.getString(2), r.getString(3)));
            }
        }
        try (ResultSet r = select(c, "SELECT COUNT(*)" + where, values)) {
            r.next();
            return new EventPage(events, r.getLong(1));
        }
    }

    /** The result of {@code sql} with {@code values}; closing it closes its statement. */
    private static ResultSet select(Connection c, String sql, List<Object> values) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            for (int i = 0; i < values.size(); i++) {
                s.setObject(i + 1, values.get(i));
            }
            s.closeOnCompletion();
            return s.executeQuery();
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
