package org.brickworks.notebooks.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.brickworks.notebooks.api.dto.CellOutput;
import org.brickworks.notebooks.api.dto.CellRun;
import org.brickworks.notebooks.api.dto.CellStatus;
import org.brickworks.notebooks.api.dto.NotebookRun;
import org.brickworks.store.api.Store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Notebook runs and their cell outputs in the store, the newest {@link #KEPT_RUNS} per notebook: outputs are bounded
 * per cell and per notebook.
 */
final class RunRecords {
    static final int KEPT_RUNS = 20;
    private static final int MAX_TITLE = 4000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;

    RunRecords(Store store) {
        this.store = store;
        store.migrate(RunSchema.AREA, RunSchema.MIGRATIONS);
    }

    /** Stores the run (its id is assigned here) and forgets the notebook's runs beyond the newest kept. */
    NotebookRun insert(NotebookRun run) {
        return store.transaction(c -> {
            long runId;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO notebook_runs (object_id, revision_id, path,"
                    + " cluster_id, user_name, start_time, end_time, parameters) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setLong(1, run.objectId());
                s.setLong(2, run.revisionId());
                s.setString(3, run.path());
                s.setString(4, run.clusterId());
                s.setString(5, run.user());
                s.setLong(6, run.startTime());
                s.setLong(7, run.endTime());
                s.setString(8, JSON.writeValueAsString(run.parameters()));
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    runId = keys.getLong(1);
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot write run parameters as JSON", e);
            }
            for (CellRun cell : run.cells()) {
                insertCell(c, runId, cell);
            }
            forgetOldRuns(c, run.objectId());
            return new NotebookRun(runId, run.path(), run.objectId(), run.revisionId(), run.clusterId(), run.user(),
                    run.startTime(), run.endTime(), run.parameters(), run.cells());
        });
    }

    List<NotebookRun> runs(long objectId, int limit) {
        return store.transaction(c -> {
            List<NotebookRun> runs = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT run_id, path, revision_id, cluster_id, user_name,"
                    + " start_time, end_time, parameters FROM notebook_runs WHERE object_id = ?"
                    + " ORDER BY run_id DESC")) {
                s.setLong(1, objectId);
                s.setMaxRows(Math.max(1, limit));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        runs.add(new NotebookRun(r.getLong(1), r.getString(2), objectId, r.getLong(3),
                                r.getString(4), r.getString(5), r.getLong(6), r.getLong(7), parameters(r.getString(8)),
                                List.of()));
                    }
                }
            }
            List<NotebookRun> withCells = new ArrayList<>();
            for (NotebookRun run : runs) {
                withCells.add(new NotebookRun(run.runId(), run.path(), objectId, run.revisionId(), run.clusterId(),
                        run.user(), run.startTime(), run.endTime(), run.parameters(), cells(c, run.runId())));
            }
            return withCells;
        });
    }

    private static void insertCell(Connection c, long runId, CellRun cell) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO notebook_run_cells (run_id, cell_position,"
                + " notebook_path, cell_index, language, title, status, start_time, duration_ms, output_type, output,"
                + " truncated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, runId);
            s.setInt(2, cell.position());
            s.setString(3, cell.notebookPath());
            s.setInt(4, cell.cellIndex());
            s.setString(5, cell.language().length() > 32 ? cell.language().substring(0, 32) : cell.language());
            String title = cell.title();
            s.setString(6, title == null || title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE));
            s.setString(7, cell.status().name());
            s.setLong(8, cell.startTime());
            s.setLong(9, cell.durationMillis());
            s.setString(10, cell.output().type());
            s.setString(11, cell.output().data());
            s.setBoolean(12, cell.output().truncated());
            s.executeUpdate();
        }
    }

    private static List<CellRun> cells(Connection c, long runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT cell_position, notebook_path, cell_index, language,"
                + " title, status, start_time, duration_ms, output_type, output, truncated FROM notebook_run_cells"
                + " WHERE run_id = ? ORDER BY cell_position")) {
            s.setLong(1, runId);
            List<CellRun> cells = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    cells.add(new CellRun(r.getInt(1), r.getString(2), r.getInt(3), r.getString(4), r.getString(5),
                            CellStatus.valueOf(r.getString(6)), r.getLong(7), r.getLong(8),
                            new CellOutput(r.getString(9), r.getString(10), r.getBoolean(11))));
                }
            }
            return cells;
        }
    }

    private static void forgetOldRuns(Connection c, long objectId) throws SQLException {
        List<Long> old = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT run_id FROM notebook_runs WHERE object_id = ? ORDER BY run_id DESC")) {
            s.setLong(1, objectId);
            try (ResultSet r = s.executeQuery()) {
                for (int i = 0; r.next(); i++) {
                    if (i >= KEPT_RUNS) {
                        old.add(r.getLong(1));
                    }
                }
            }
        }
        for (long runId : old) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM notebook_runs WHERE run_id = ?")) {
                s.setLong(1, runId);
                s.executeUpdate();
            }
        }
    }

    private static Map<String, String> parameters(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read run parameters from the store", e);
        }
    }
}
