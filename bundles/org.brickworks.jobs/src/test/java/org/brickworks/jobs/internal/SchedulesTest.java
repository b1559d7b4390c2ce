package org.brickworks.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class SchedulesTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static JsonNode settings(String cron, String pause) throws Exception {
        return new ObjectMapper().readTree("{\"schedule\": {\"quartz_cron_expression\": \"" + cron
                + "\", \"timezone_id\": \"Europe/Berlin\"" + (pause == null ? "" : ", \"pause_status\": \"" + pause
                        + "\"")
                + "}}");
    }

    private static long at(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), BERLIN).toInstant().toEpochMilli();
    }

    private static String local(Long millis) {
        return Instant.ofEpochMilli(millis).atZone(BERLIN).toLocalDateTime().toString();
    }

    @Test
    void aScheduleFiresInItsTimeZoneAndNotWhenPausedOrAbsent() throws Exception {
        assertThat(local(Schedules.next(settings("0 30 2 * * ?", null), at("2024-06-01T12:00:00"))))
                .isEqualTo("2024-06-02T02:30");
        assertThat(Schedules.next(settings("0 30 2 * * ?", "PAUSED"), 0)).isNull();
        assertThat(Schedules.next(new ObjectMapper().createObjectNode(), 0)).isNull();
    }

    @Test
    void aLocalTimeThatDaylightSavingSkipsDoesNotFireAndARepeatedHourFiresOnce() throws Exception {
        // 31 March 2024: Berlin goes from 02:00 to 03:00, so 02:30 does not exist that day
        assertThat(local(Schedules.next(settings("0 30 2 * * ?", null), at("2024-03-30T12:00:00"))))
                .isEqualTo("2024-04-01T02:30");
        // 27 October 2024: 02:00 to 03:00 comes twice; 02:30 fires once
        JsonNode halfPastTwo = settings("0 30 2 * * ?", null);
        Long first = Schedules.next(halfPastTwo, at("2024-10-27T00:00:00"));
        assertThat(local(first)).isEqualTo("2024-10-27T02:30");
        assertThat(local(Schedules.following(halfPastTwo, first, first))).isEqualTo("2024-10-28T02:30");
    }

    @Test
    void missedFiresGiveOneRunAndScheduledRunsAreTenSecondsApart() throws Exception {
        JsonNode everyMinute = settings("0 * * * * ?", null);
        long missed = at("2024-06-01T10:00:00");
        long now = at("2024-06-01T13:17:20");
        assertThat(local(Schedules.following(everyMinute, missed, now))).isEqualTo("2024-06-01T13:18");
        JsonNode everySecond = settings("* * * * * ?", null);
        long fired = at("2024-06-01T10:00:00");
        assertThat(Schedules.following(everySecond, fired, fired) - fired).isEqualTo(Schedules.MIN_INTERVAL_MILLIS);
    }
}
