package org.brickworks.clusters.api.dto;

import java.util.Set;

/**
 * Which of a cluster's events to list, in which order, and which page of them: the Clusters API's {@code events}
 * request.
 *
 * @param eventTypes
 *            only events of these types; empty: every type
 * @param startTime
 *            only events at or after this time, epoch milliseconds; null: from the first
 * @param endTime
 *            only events at or before this time, epoch milliseconds; null: to the last
 * @param newestFirst
 *            whether the newest event comes first (Databricks' default), else the oldest
 * @param offset
 *            how many of the selected events, in that order, to skip; not negative
 * @param limit
 *            the most events to answer; at least 1
 * @since 4.2
 */
public record EventQuery(Set<String> eventTypes, Long startTime, Long endTime, boolean newestFirst, long offset,
        int limit) {
    public EventQuery {
        eventTypes = Set.copyOf(eventTypes);
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must not be negative and limit positive, got " + offset
                    + " and " + limit);
        }
    }
}
