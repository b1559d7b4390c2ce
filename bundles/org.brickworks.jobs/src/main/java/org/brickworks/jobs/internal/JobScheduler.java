package org.brickworks.jobs.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.brickworks.store.api.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Fires job schedules from the store: each job's next fire time is a column of its row, set when its settings are
 * saved (after the save, so editing or unpausing fires nothing by itself). A due job is claimed by moving its next
 * fire time on with a conditional update ({@code WHERE next_fire = <the time read>}); only the platform whose update
 * changed the row fires it, so two platforms on one PostgreSQL store never both fire the same time. After downtime a
 * job's missed fires give one run, at once; its next fire time is then computed from now.
 */
final class JobScheduler implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);
    /** The longest the scheduler sleeps between looks at the store; bounds the lag of a newly saved schedule. */
    static final long POLL_MILLIS = 100;
    /** Consecutive failures to read the store before they are logged as a warning. */
    private static final int FAILURES_TO_REPORT = 3;

    private final Store store;
    private final RunEngine engine;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean closed;

    JobScheduler(Store store, RunEngine engine, Clock clock) {
        this.store = store;
        this.engine = engine;
        this.clock = clock;
        this.thread = new Thread(this, "brickworks-job-scheduler");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        int failures = 0;
        while (!closed) {
            try {
                long now = clock.millis();
                Tick tick = due(now);
                for (Due due : claim(tick.due(), now)) {
                    engine.fire(due.jobId(), due.settings(), due.creator(), Instant.ofEpochMilli(due.fireTime()));
                }
                failures = 0;
                // wake at the next fire time when it comes before the next look (a new schedule may come sooner)
                long next = tick.next() == null ? Long.MAX_VALUE : tick.next() - clock.millis();
                Thread.sleep(Math.max(1, Math.min(POLL_MILLIS, next)));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // One failure is the store closing under a stopping platform; a failure that stays is news.
                if (++failures == FAILURES_TO_REPORT) {
                    LOG.warn("The job scheduler cannot read the store; it keeps trying", e);
                } else {
                    LOG.debug("The job scheduler could not read the store", e);
                }
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private record Due(long jobId, long fireTime, JsonNode settings, String creator) {
    }

    /** The jobs due now, and the next fire time after now (null when none). */
    private record Tick(List<Due> due, Long next) {
    }

    private Tick due(long now) {
        return store.transaction(c -> {
            Long next;
            try (PreparedStatement select = c.prepareStatement("SELECT MIN(next_fire) FROM jobs WHERE next_fire > ?")) {
                select.setLong(1, now);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    long min = rows.getLong(1);
                    next = rows.wasNull() ? null : min;
                }
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT job_id, next_fire, settings, creator FROM jobs WHERE next_fire <= ? ORDER BY next_fire")) {
                select.setLong(1, now);
                List<Due> due = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        due.add(new Due(rows.getLong(1), rows.getLong(2), RunStore.JSON.readTree(rows.getString(3)),
                                rows.getString(4)));
                    }
                } catch (JsonProcessingException e) {
                    throw new java.sql.SQLException("Stored job settings are not JSON", e);
                }
                return new Tick(due, next);
            }
        });
    }

    /** Moves the due jobs' next fire times on, in one transaction; those this platform moved (and so fires). */
    private List<Due> claim(List<Due> due, long now) {
        if (due.isEmpty()) {
            return due;
        }
        return store.transaction(c -> {
            try (PreparedStatement update = c
                    .prepareStatement("UPDATE jobs SET next_fire = ? WHERE job_id = ? AND next_fire = ?")) {
                for (Due job : due) {
                    Long next = Schedules.following(job.settings(), job.fireTime(), now);
                    if (next == null) {
                        update.setNull(1, Types.BIGINT);
                    } else {
                        update.setLong(1, next);
                    }
                    update.setLong(2, job.jobId());
                    update.setLong(3, job.fireTime());
                    update.addBatch();
                }
                int[] counts = update.executeBatch();
                List<Due> claimed = new ArrayList<>();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 1) {
                        claimed.add(due.get(i));
                    }
                }
                return claimed;
            }
        });
    }
}
