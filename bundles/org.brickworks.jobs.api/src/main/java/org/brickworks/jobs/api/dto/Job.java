package org.brickworks.jobs.api.dto;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stored job.
 *
 * @param settings
 *            its settings in Databricks' {@code JobSettings} JSON shape (snake_case names; maps, lists, strings,
 *            numbers, booleans), as created and updated: fields the platform does not interpret are kept as given
 * @param createdTime
 *            epoch milliseconds
 */
public record Job(long jobId, String creatorUserName, String runAsUserName, long createdTime,
        Map<String, Object> settings) {
    public Job {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
