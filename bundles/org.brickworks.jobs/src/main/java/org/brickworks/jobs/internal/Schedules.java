package org.brickworks.jobs.internal;

import java.text.ParseException;
import java.util.Date;
import java.util.TimeZone;

import org.quartz.CronExpression;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * When a job's schedule fires, as Quartz's {@link CronExpression} computes it in the schedule's time zone (so a local
 * time that a daylight-saving change skips does not fire, and a repeated hour fires once). A job's scheduled runs are
 * at least {@link #MIN_INTERVAL_MILLIS} apart.
 */
final class Schedules {
    static final long MIN_INTERVAL_MILLIS = 10_000;

    private Schedules() {
    }

    /** The first fire time after {@code afterMillis}, or null when the settings have no unpaused schedule. */
    static Long next(JsonNode settings, long afterMillis) {
        JsonNode schedule = settings.path("schedule");
        if (!schedule.isObject() || schedule.path("pause_status").asText("UNPAUSED").equals("PAUSED")) {
            return null;
        }
        try {
            CronExpression cron = new CronExpression(schedule.path("quartz_cron_expression").asText());
            cron.setTimeZone(TimeZone.getTimeZone(schedule.path("timezone_id").asText("UTC")));
            Date next = cron.getNextValidTimeAfter(new Date(afterMillis));
            return next == null ? null : next.getTime();
        } catch (ParseException e) {
            return null; // checked when saved: not reached
        }
    }

    /** The fire time after one at {@code firedMillis}, observed at {@code nowMillis}: once for all missed fires. */
    static Long following(JsonNode settings, long firedMillis, long nowMillis) {
        return next(settings, Math.max(nowMillis, firedMillis + MIN_INTERVAL_MILLIS - 1));
    }
}
