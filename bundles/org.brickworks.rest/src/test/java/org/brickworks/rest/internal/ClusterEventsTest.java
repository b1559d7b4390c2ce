package org.brickworks.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import org.brickworks.clusters.api.ClusterService;
import org.brickworks.clusters.api.dto.ClusterEvent;
import org.brickworks.clusters.api.dto.EventPage;
import org.brickworks.clusters.api.dto.EventQuery;
import org.brickworks.core.api.BrickworksException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code clusters/events}: the request a client sends, the query the service gets, the page the client reads. */
class ClusterEventsTest {
    private final ApiJson json = new ApiJson();
    private final List<EventQuery> queries = new ArrayList<>();
    /** Five events, {@code total_count} 5, answered a page at a time as the store would. */
    private final ClusterService clusters = (ClusterService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] { ClusterService.class }, (proxy, method, args) -> {
                EventQuery query = (EventQuery) args[1];
                queries.add(query);
                List<ClusterEvent> events = LongStream.rangeClosed(1, 5).map(t -> query.newestFirst() ? 6 - t : t)
                        .skip(query.offset()).limit(query.limit())
                        .mapToObj(t -> new ClusterEvent("c1", t, "RUNNING", t == 1 ? "" : "event " + t)).toList();
                return new EventPage(events, 5);
            });

    @Test
    void byDefaultFiftyEventsNewestFirstFromTheStart() throws Exception {
        JsonNode page = page("{\"cluster_id\": \"c1\"}");

        assertThat(queries).containsExactly(new EventQuery(Set.of(), null, null, true, 0, 50));
        assertThat(page.path("events")).extracting(event -> event.path("timestamp").asLong())
                .containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(page.path("total_count").asLong()).isEqualTo(5);
        assertThat(page.has("next_page")).isFalse();
    }

    @Test
    void nextPageIsTheRequestOfTheNextPageUntilTheLast() throws Exception {
        JsonNode first = page("""
                {"cluster_id": "c1", "order": "ASC", "limit": 2, "event_types": ["RUNNING"], "start_time": 0}""");
        assertThat(first.path("next_page")).isEqualTo(json.mapper().readTree("""
                {"cluster_id": "c1", "start_time": 0, "order": "ASC", "event_types": ["RUNNING"], "offset": 2,
                 "limit": 2}"""));

        JsonNode last = page(json.mapper().writeValueAsString(page(first.path("next_page").toString())
                .path("next_page")));
        assertThat(last.path("events")).extracting(event -> event.path("timestamp").asLong()).containsExactly(5L);
        assertThat(last.has("next_page")).isFalse();
    }

    @Test
    void anEventsTextIsItsReasonsMessageLikeDatabricksReasons() throws Exception {
        JsonNode events = page("{\"cluster_id\": \"c1\", \"order\": \"ASC\"}").path("events");

        assertThat(events.get(0).path("details")).isEqualTo(json.mapper().createObjectNode());
        assertThat(events.get(1).at("/details/reason/parameters/message").asText()).isEqualTo("event 2");
    }

    @Test
    void limitsOffsetsAndTimesOutOfRangeAreRefused() {
        assertRefused("{\"cluster_id\": \"c1\", \"limit\": 0}", "limit must be between 1 and 500, got 0");
        assertRefused("{\"cluster_id\": \"c1\", \"limit\": 501}", "limit must be between 1 and 500, got 501");
        assertRefused("{\"cluster_id\": \"c1\", \"offset\": -1}", "offset must not be negative, got -1");
        assertRefused("{\"cluster_id\": \"c1\", \"start_time\": 2, \"end_time\": 1}",
                "start_time 2 is after end_time 1");
        assertRefused("{}", "Missing required field: cluster_id");
    }

    private JsonNode page(String request) throws Exception {
        ClusterEvents.Request bound = json.bind(json.parse(request.getBytes()), ClusterEvents.Request.class);
        return json.mapper().readTree(json.mapper().writeValueAsBytes(ClusterEvents.page(clusters, bound)));
    }

    private void assertRefused(String request, String message) {
        assertThatThrownBy(() -> page(request)).isInstanceOf(BrickworksException.class).hasMessage(message);
    }
}
