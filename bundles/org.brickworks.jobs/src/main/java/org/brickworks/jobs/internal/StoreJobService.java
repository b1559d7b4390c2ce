package org.brickworks.jobs.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.brickworks.clusters.api.ClusterService;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.core.api.TrackedServices;
import org.brickworks.jobs.api.JobService;
import org.brickworks.jobs.api.TaskType;
import org.brickworks.jobs.api.dto.Job;
import org.brickworks.jobs.api.dto.JobPage;
import org.brickworks.store.api.Store;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Jobs in the store's {@code jobs} table, settings as JSON text. Settings are checked ({@link SettingsCheck}) and
 * completed with Databricks' defaults before each write, in the write's transaction; a failed check writes nothing.
 * The clusters service is asked whether an {@code existing_cluster_id} exists, waiting for it while its bundle is
 * swapped ({@link TrackedServices}); it is not a reference, so that a clusters update does not restart the jobs
 * service.
 */
@Component(service = JobService.class)
public class StoreJobService implements JobService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Store store;
    private final SettingsCheck check;
    private final Clock clock;
    private TrackedServices services;
    private TaskTypes types;

    @Activate
    public StoreJobService(@Reference(target = Store.SHARED) Store store, BundleContext context) {
        this(store, new TrackedServices(context), new TaskTypes(context), Clock.systemUTC());
    }

    private StoreJobService(Store store, TrackedServices services, TaskTypes types, Clock clock) {
        this(store, id -> exists(services, id), types::find, clock);
        this.services = services;
        this.types = types;
        types.open();
    }

    /**
     * @param clusterExists
     *            whether a cluster id names a cluster of the platform
     * @param pluginTypes
     *            the registered task type of a payload field that is not built in, or null
     */
    StoreJobService(Store store, Predicate<String> clusterExists, Function<String, TaskType> pluginTypes,
            Clock clock) {
        this.store = store;
        this.clock = clock;
        this.check = new SettingsCheck(clusterExists, pluginTypes);
        store.migrate(JobsSchema.AREA, JobsSchema.MIGRATIONS);
    }

    /** Whether the cluster exists, waiting for the clusters service while it is swapped. */
    static boolean exists(TrackedServices services, String id) {
        try {
            services.await(ClusterService.class, "clusters").get(id);
            return true;
        } catch (BrickworksException e) {
            if (e.errorCode() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
                return false;
            }
            throw e;
        }
    }

    @Deactivate
    void close() {
        services.close();
        types.close();
    }

    @Override
    public long create(Map<String, Object> settings, String creator) {
        ObjectNode checked = checked(JSON.valueToTree(settings));
        return store.transaction(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO jobs (name, creator, created_time, settings, next_fire) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, checked.get("name").asText());
                insert.setString(2, creator);
                insert.setLong(3, clock.millis());
                insert.setString(4, text(checked));
                nextFire(insert, 5, checked);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    @Override
    public Job get(long jobId) {
        return store.transaction(c -> find(c, jobId));
    }

    @Override
    public JobPage list(int offset, int limit, String name, boolean expandTasks) {
        if (limit < 1 || limit > 100) {
            throw BrickworksException.invalidParameter("limit must be from 1 to 100, got " + limit);
        }
        if (offset < 0) {
            throw BrickworksException.invalidParameter("offset must not be negative, got " + offset);
        }
        return store.transaction(c -> {
            String where = name == null ? "" : " WHERE LOWER(name) = LOWER(?)";
            try (PreparedStatement select = c.prepareStatement("SELECT job_id, creator, created_time, settings"
                    + " FROM jobs" + where + " ORDER BY job_id LIMIT ? OFFSET ?")) {
                int i = 1;
                if (name != null) {
                    select.setString(i++, name);
                }
                select.setInt(i++, limit + 1);
                select.setInt(i, offset);
                List<Job> jobs = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        jobs.add(job(rows, expandTasks));
                    }
                }
                boolean more = jobs.size() > limit;
                return new JobPage(more ? jobs.subList(0, limit) : jobs, more);
            }
        });
    }

    @Override
    public void update(long jobId, Map<String, Object> newSettings, List<String> fieldsToRemove) {
        store.transaction(c -> {
            save(c, jobId, checked(SettingsEdit.apply(storedSettings(c, jobId),
                    newSettings == null ? null : JSON.valueToTree(newSettings), fieldsToRemove)));
            return null;
        });
    }

    @Override
    public void reset(long jobId, Map<String, Object> newSettings) {
        if (newSettings == null) {
            throw BrickworksException.invalidParameter("new_settings is required");
        }
        ObjectNode checked = checked(JSON.valueToTree(newSettings));
        store.transaction(c -> {
            save(c, jobId, checked);
            return null;
        });
    }

    @Override
    public void delete(long jobId) {
        store.transaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM jobs WHERE job_id = ?")) {
                delete.setLong(1, jobId);
                if (delete.executeUpdate() == 0) {
                    throw notFound(jobId);
                }
            }
            return null;
        });
    }

    /** {@code settings} checked, with Databricks' defaults for what they leave out. */
    private ObjectNode checked(JsonNode settings) {
        check.check(settings);
        ObjectNode completed = ((ObjectNode) settings).deepCopy();
        if (!completed.hasNonNull("name")) {
            completed.put("name", "Untitled");
        }
        if (!completed.hasNonNull("max_concurrent_runs")) {
            completed.put("max_concurrent_runs", 1);
        }
        if (!completed.hasNonNull("timeout_seconds")) {
            completed.put("timeout_seconds", 0);
        }
        if (!completed.hasNonNull("email_notifications")) {
            completed.putObject("email_notifications");
        }
        completed.put("format", SettingsCheck.payloads(completed).isEmpty() ? "MULTI_TASK" : "SINGLE_TASK");
        return completed;
    }

    private void save(Connection c, long jobId, ObjectNode settings) throws SQLException {
        try (PreparedStatement update = c
                .prepareStatement("UPDATE jobs SET name = ?, settings = ?, next_fire = ? WHERE job_id = ?")) {
            update.setString(1, settings.get("name").asText());
            update.setString(2, text(settings));
            nextFire(update, 3, settings);
            update.setLong(4, jobId);
            if (update.executeUpdate() == 0) {
                throw notFound(jobId);
            }
        }
    }

    /** The schedule's first fire time after now: saving settings fires nothing by itself. */
    private void nextFire(PreparedStatement statement, int index, ObjectNode settings) throws SQLException {
        Long next = Schedules.next(settings, clock.millis());
        if (next == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, next);
        }
    }

    private static ObjectNode storedSettings(Connection c, long jobId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT settings FROM jobs WHERE job_id = ?")) {
            select.setLong(1, jobId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw notFound(jobId);
                }
                return (ObjectNode) JSON.readTree(rows.getString(1));
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("Stored settings of job " + jobId + " are not JSON", e);
        }
    }

    private static Job find(Connection c, long jobId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT job_id, creator, created_time, settings FROM jobs WHERE job_id = ?")) {
            select.setLong(1, jobId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw notFound(jobId);
                }
                return job(rows, true);
            }
        }
    }

    private static Job job(ResultSet rows, boolean withTasks) throws SQLException {
        Map<String, Object> settings;
        try {
            settings = JSON.readValue(rows.getString("settings"), MAP);
        } catch (JsonProcessingException e) {
            throw new SQLException("Stored settings of job " + rows.getLong("job_id") + " are not JSON", e);
        }
        if (!withTasks) {
            settings.remove("tasks");
        }
        String creator = rows.getString("creator");
        String runAs = JobIdentity.runAs(settings);
        return new Job(rows.getLong("job_id"), creator, runAs == null ? creator : runAs, rows.getLong("created_time"),
                settings);
    }

    private static String text(JsonNode settings) {
        try {
            return JSON.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BrickworksException notFound(long jobId) {
        return BrickworksException.notFound("Job " + jobId + " does not exist.");
    }
}
