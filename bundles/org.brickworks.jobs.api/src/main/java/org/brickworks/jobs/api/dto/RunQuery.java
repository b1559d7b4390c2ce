package org.brickworks.jobs.api.dto;

/**
 * A {@code runs/list} query: newest runs first.
 *
 * @param jobId
 *            only this job's runs; null for all
 * @param runType
 *            {@code JOB_RUN}, {@code SUBMIT_RUN} or {@code WORKFLOW_RUN}; null for all
 * @param startTimeFrom
 *            epoch milliseconds, inclusive; null for no bound
 * @param startTimeTo
 *            epoch milliseconds, inclusive; null for no bound
 * @param limit
 *            1 to 25
 */
public record RunQuery(Long jobId, boolean activeOnly, boolean completedOnly, String runType, Long startTimeFrom,
        Long startTimeTo, int offset, int limit, boolean expandTasks) {
}
