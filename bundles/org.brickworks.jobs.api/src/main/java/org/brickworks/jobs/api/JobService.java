package org.brickworks.jobs.api;

import java.util.List;
import java.util.Map;

import org.brickworks.jobs.api.dto.Job;
import org.brickworks.jobs.api.dto.JobPage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Jobs in the store, with their settings in Databricks' {@code JobSettings} JSON shape. Settings are checked before
 * anything is saved: tasks with unique keys, one payload each, at most one compute field (one where the task type
 * runs on a cluster), {@code depends_on} naming other tasks of the job without a cycle, known {@code run_if} values and
 * condition operators, {@code job_cluster_key}s defined in {@code job_clusters}, existing clusters that exist. A
 * failed check is an {@code INVALID_PARAMETER_VALUE} naming the field, and nothing changes; an unknown job is
 * {@code RESOURCE_DOES_NOT_EXIST}.
 */
@ProviderType
public interface JobService {
    /** Stores a new job created by {@code creator}; its id. */
    long create(Map<String, Object> settings, String creator);

    Job get(long jobId);

    /**
     * Jobs by ascending id, {@code limit} (1–100) from {@code offset}, only those named {@code name} (ignoring case)
     * when it is not null; without {@code expandTasks} the settings carry no {@code tasks}.
     */
    JobPage list(int offset, int limit, String name, boolean expandTasks);

    /**
     * Replaces the top-level fields of {@code newSettings}, merging {@code tasks} and {@code job_clusters} by their
     * keys, then removes {@code fieldsToRemove} (top-level names, or {@code tasks/<task_key>} and
     * {@code job_clusters/<job_cluster_key>}).
     */
    void update(long jobId, Map<String, Object> newSettings, List<String> fieldsToRemove);

    /** Replaces the whole settings. */
    void reset(long jobId, Map<String, Object> newSettings);

    void delete(long jobId);
}
