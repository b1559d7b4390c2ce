package org.brickworks.jobs.internal;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

import org.brickworks.core.api.BrickworksException;
import org.quartz.CronExpression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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

    /**
     * Every fire time of the schedule from {@code fromMillis} to {@code toMillis} (both inclusive), paused or not;
     * at most {@code max}.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} when there are more than {@code max}
     */
    static List<Long> times(JsonNode settings, long fromMillis, long toMillis, int max) {
        ObjectNode unpaused = ((ObjectNode) settings).deepCopy();
        if (!unpaused.path("schedule").isObject()) {
            throw BrickworksException.invalidParameter("The job has no schedule to backfill");
        }
        ((ObjectNode) unpaused.get("schedule")).put("pause_status", "UNPAUSED");
        List<Long> times = new ArrayList<>();
        for (Long next = next(unpaused, fromMillis - 1); next != null && next <= toMillis; next = next(unpaused,
                next)) {
            if (times.size() == max) {
                throw BrickworksException.invalidParameter("The range has more than " + max
                        + " schedule times: backfill a shorter range");
            }
            times.add(next);
        }
        return times;
    }

    /** The fire time after one at {@code firedMillis}, observed at {@code nowMillis}: once for all missed fires. */
    static Long following(JsonNode settings, long firedMillis, long nowMillis) {
        return next(settings, Math.max(nowMillis, firedMillis + MIN_INTERVAL_MILLIS - 1));
    }
}
