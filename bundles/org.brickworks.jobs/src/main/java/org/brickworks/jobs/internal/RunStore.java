package org.brickworks.jobs.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.jobs.api.dto.RunQuery;
import org.brickworks.store.api.Store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs in the store's {@code job_runs} table: a run's row keeps its whole {@code Run} JSON, each task attempt's row
 * (its run as parent) keeps the attempt's output. Runs and attempts take their ids from one sequence, so a run id
 * names either.
 */
final class RunStore {
    private static final String ACTIVE_LIST = "('QUEUED', 'PENDING', 'RUNNING', 'TERMINATING', 'BLOCKED',"
            + " 'WAITING_FOR_RETRY')";
    static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;

    RunStore(Store store) {
        this.store = store;
    }

    /**
     * A new run's row and one new task attempt id per task, and the run's JSON that {@code document} makes with those
     * ids, written in the same transaction.
     */
    ObjectNode insert(Long jobId, String runType, String token, int tasks, Function<Ids, ObjectNode> document) {
        return store.transaction(c -> {
            long runId = insertRow(c, null, jobId, runType, token);
            List<Long> taskRunIds = new ArrayList<>(tasks);
            for (int i = 0; i < tasks; i++) {
                taskRunIds.add(insertRow(c, runId, jobId, null, null));
            }
            ObjectNode run = document.apply(new Ids(runId, taskRunIds));
            write(c, run);
            return run;
        });
    }

    record Ids(long runId, List<Long> taskRunIds) {
    }

    /** A new attempt id of a task of {@code runId}. */
    long newAttempt(long runId, Long jobId) {
        return store.transaction(c -> insertRow(c, runId, jobId, null, null));
    }

    private static long insertRow(Connection c, Long parent, Long jobId, String runType, String token)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO job_runs (parent_run_id, job_id, run_type,"
                + " idempotency_token, life_cycle_state) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            setLong(insert, 1, parent);
            setLong(insert, 2, jobId);
            insert.setString(3, runType);
            insert.setString(4, token);
            insert.setString(5, parent == null ? "PENDING" : null);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Writes a run's JSON and the columns its queries read. */
    void save(ObjectNode run) {
        store.transaction(c -> {
            write(c, run);
            return null;
        });
    }

    private static void write(Connection c, ObjectNode run) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE job_runs SET life_cycle_state = ?, start_time = ?, doc = ? WHERE run_id = ?")) {
            update.setString(1, run.path("state").path("life_cycle_state").asText());
            update.setLong(2, run.path("start_time").asLong());
            update.setString(3, text(run));
            update.setLong(4, run.path("run_id").asLong());
            update.executeUpdate();
        }
    }

    /** Writes a task attempt's output. */
    void saveOutput(long taskRunId, ObjectNode output) {
        String doc = text(output);
        store.transaction(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE job_runs SET doc = ? WHERE run_id = ?")) {
                update.setString(1, doc);
                update.setLong(2, taskRunId);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** The run {@code runId} names, or the run of the task attempt it names. */
    ObjectNode run(long runId) {
        return store.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT r.doc FROM job_runs t JOIN job_runs r"
                    + " ON r.run_id = COALESCE(t.parent_run_id, t.run_id) WHERE t.run_id = ?")) {
                select.setLong(1, runId);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next() || rows.getString(1) == null) {
                        throw notFound(runId);
                    }
                    return (ObjectNode) tree(rows.getString(1));
                }
            }
        });
    }

    /** A task attempt's output; null when {@code runId} names a run, not an attempt. */
    ObjectNode output(long runId) {
        return store.transaction(c -> {
            try (PreparedStatement select = c
                    .prepareStatement("SELECT parent_run_id, doc FROM job_runs WHERE run_id = ?")) {
                select.setLong(1, runId);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        throw notFound(runId);
                    }
                    if (rows.getObject(1) == null) {
                        return null;
                    }
                    String doc = rows.getString(2);
                    return doc == null ? JSON.createObjectNode() : (ObjectNode) tree(doc);
                }
            }
        });
    }

    /** The run that an earlier request with {@code token} started, for this job (null for one-time runs). */
    Long byToken(Long jobId, String token) {
        return store.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT run_id FROM job_runs WHERE parent_run_id IS NULL"
                    + " AND idempotency_token = ? AND " + (jobId == null ? "job_id IS NULL" : "job_id = ?"))) {
                select.setString(1, token);
                if (jobId != null) {
                    select.setLong(2, jobId);
                }
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : null;
                }
            }
        });
    }

    /** Runs newest first, one more than {@code query.limit()} when more follow. */
    List<ObjectNode> list(RunQuery query) {
        StringBuilder where = new StringBuilder(" WHERE parent_run_id IS NULL AND doc IS NOT NULL");
        List<Object> args = new ArrayList<>();
        if (query.jobId() != null) {
            where.append(" AND job_id = ?");
            args.add(query.jobId());
        }
        if (query.activeOnly()) {
            where.append(" AND life_cycle_state IN ").append(ACTIVE_LIST);
        }
        if (query.completedOnly()) {
            where.append(" AND life_cycle_state NOT IN ").append(ACTIVE_LIST);
        }
        if (query.runType() != null) {
            where.append(" AND run_type = ?");
            args.add(query.runType());
        }
        if (query.startTimeFrom() != null) {
            where.append(" AND start_time >= ?");
            args.add(query.startTimeFrom());
        }
        if (query.startTimeTo() != null) {
            where.append(" AND start_time <= ?");
            args.add(query.startTimeTo());
        }
        return store.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT doc FROM job_runs" + where + " ORDER BY run_id DESC LIMIT ? OFFSET ?")) {
                int i = 1;
                for (Object arg : args) {
                    select.setObject(i++, arg);
                }
                select.setInt(i++, query.limit() + 1);
                select.setInt(i, query.offset());
                List<ObjectNode> runs = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        runs.add((ObjectNode) tree(rows.getString(1)));
                    }
                }
                return runs;
            }
        });
    }

    /** The ids of runs that were active when the platform stopped. */
    List<Long> active() {
        return store.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT run_id FROM job_runs WHERE parent_run_id IS NULL"
                    + " AND life_cycle_state IN " + ACTIVE_LIST + " ORDER BY run_id")) {
                List<Long> ids = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
                return ids;
            }
        });
    }

    /** Deletes a run and its task attempts. */
    void delete(long runId) {
        store.transaction(c -> {
            try (PreparedStatement delete = c
                    .prepareStatement("DELETE FROM job_runs WHERE run_id = ? OR parent_run_id = ?")) {
                delete.setLong(1, runId);
                delete.setLong(2, runId);
                delete.executeUpdate();
            }
            return null;
        });
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode tree(String text) throws SQLException {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("A stored run is not JSON", e);
        }
    }

    static BrickworksException notFound(long runId) {
        return BrickworksException.notFound("Run " + runId + " does not exist.");
    }
}
