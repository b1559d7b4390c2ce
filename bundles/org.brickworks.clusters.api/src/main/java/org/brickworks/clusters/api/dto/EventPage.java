package org.brickworks.clusters.api.dto;

import java.util.List;

/**
 * One page of a cluster's events, and how many events the query selects in all ({@code total_count}).
 *
 * @since 4.2
 */
public record EventPage(List<ClusterEvent> events, long totalCount) {
    public EventPage {
        events = List.copyOf(events);
    }
}
