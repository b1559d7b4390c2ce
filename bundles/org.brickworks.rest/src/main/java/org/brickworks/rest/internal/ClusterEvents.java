package org.brickworks.rest.internal;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.brickworks.clusters.api.ClusterService;
import org.brickworks.clusters.api.dto.ClusterEvent;
import org.brickworks.clusters.api.dto.EventPage;
import org.brickworks.clusters.api.dto.EventQuery;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.rest.api.ApiParams;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Clusters API 2.0 {@code events}: newest first unless {@code order} is {@code ASC}, filtered by {@code event_types},
 * {@code start_time} and {@code end_time} (epoch milliseconds, inclusive), {@code limit} events (50 unless asked, at
 * most 500) from {@code offset}. {@code total_count} counts every event the filters select; {@code next_page}, absent
 * on the last page, is the request of the next one, which the Databricks SDKs send back as it is. An event's text is
 * {@code details.reason.parameters.message}, where Databricks' clients expect a reason object.
 */
final class ClusterEvents {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    enum Order {
        DESC, ASC
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Request(String clusterId, Long startTime, Long endTime, Order order, List<String> eventTypes, Long offset,
            Long limit) {
        Request {
            ApiParams.required(clusterId, "cluster_id");
            if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
                throw BrickworksException.invalidParameter("limit must be between 1 and " + MAX_LIMIT + ", got "
                        + limit);
            }
            if (offset != null && offset < 0) {
                throw BrickworksException.invalidParameter("offset must not be negative, got " + offset);
            }
            if (startTime != null && endTime != null && startTime > endTime) {
                throw BrickworksException.invalidParameter("start_time " + startTime + " is after end_time "
                        + endTime);
            }
        }

        EventQuery query() {
            return new EventQuery(Set.copyOf(eventTypes), startTime, endTime, order != Order.ASC, first(),
                    limit == null ? DEFAULT_LIMIT : limit.intValue());
        }

        long first() {
            return offset == null ? 0 : offset;
        }

        Request after(int answered) {
            return new Request(clusterId, startTime, endTime, order, eventTypes.isEmpty() ? null : eventTypes,
                    first() + answered, limit);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Page(List<Event> events, Request nextPage, long totalCount) {
    }

    record Event(String clusterId, long timestamp, String type, Details details) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Details(Reason reason) {
    }

    record Reason(Map<String, String> parameters) {
    }

    private ClusterEvents() {
    }

    static Page page(ClusterService clusters, Request request) {
        EventPage page = clusters.events(request.clusterId(), request.query());
        boolean more = request.first() + page.events().size() < page.totalCount();
        return new Page(page.events().stream().map(ClusterEvents::event).toList(),
                more ? request.after(page.events().size()) : null, page.totalCount());
    }

    private static Event event(ClusterEvent event) {
        return new Event(event.clusterId(), event.timestamp(), event.type(),
                new Details(event.message() == null || event.message().isEmpty() ? null
                        : new Reason(Collections.singletonMap("message", event.message()))));
    }
}
