package org.brickworks.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ReferencesTest {
    private static final Map<String, String> VALUES = Map.of("job.id", "7", "job.parameters.day", "2024-05-01");

    @Test
    void knownReferencesAreReplacedAndUnknownOnesStay() {
        assertThat(References.resolve("job {{job.id}} on {{ job.parameters.day }}, {{nope}} {{job.id", VALUES::get))
                .isEqualTo("job 7 on 2024-05-01, {{nope}} {{job.id");
        assertThat(References.resolve("no references", VALUES::get)).isEqualTo("no references");
        assertThat(References.resolve("{{job.id}}$1\\", VALUES::get)).isEqualTo("7$1\\");
    }

    @Test
    void everyStringOfAPayloadIsResolvedButNotItsKeysOrNumbers() throws Exception {
        JsonNode payload = new ObjectMapper().readTree(
                "{\"p\": {\"{{job.id}}\": \"{{job.id}}\"}, \"list\": [\"{{job.parameters.day}}\", 3], \"n\": 1}");
        assertThat(References.resolve(payload, VALUES::get).toString())
                .isEqualTo("{\"p\":{\"{{job.id}}\":\"7\"},\"list\":[\"2024-05-01\",3],\"n\":1}");
    }

    @Test
    void timePartsAreInUtc() {
        Instant saturday = Instant.parse("2024-03-02T23:30:05.250Z");
        assertThat(References.timePart(saturday, "iso_date")).isEqualTo("2024-03-02");
        assertThat(References.timePart(saturday, "iso_datetime")).isEqualTo("2024-03-02T23:30:05");
        assertThat(References.timePart(saturday, "timestamp_ms")).isEqualTo("1709422205250");
        assertThat(References.timePart(saturday, "day_of_week")).isEqualTo("6");
        assertThat(References.timePart(saturday, "is_weekday")).isEqualTo("false");
        assertThat(References.timePart(saturday, "hour")).isEqualTo("23");
        assertThat(References.timePart(saturday, "fortnight")).isNull();
    }
}
