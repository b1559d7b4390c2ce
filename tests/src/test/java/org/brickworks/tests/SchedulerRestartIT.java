package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A job's schedule across a platform stop: the fire times missed while the platform was down give one run, at once
 * when it is back, for the first missed time; then the schedule goes on.
 */
public class SchedulerRestartIT extends DistributionTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    public void firesMissedWhileThePlatformWasDownGiveOneRun() throws Exception {
        start();
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(url("/api/2.1/jobs/create")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"every-ten\", \"schedule\":"
                        + " {\"quartz_cron_expression\": \"0/10 * * * * ?\", \"timezone_id\": \"UTC\"},"
                        + " \"tasks\": [{\"task_key\": \"t\", \"condition_task\": {\"op\": \"EQUAL_TO\","
                        + " \"left\": \"1\", \"right\": \"1\"}}]}")));
        assertEquals(created.body(), 200, created.statusCode());
        long jobId = JSON.readTree(created.body()).path("job_id").asLong();
        await("a first scheduled run", Duration.ofSeconds(30), () -> !runs(jobId).isEmpty());
        stop();
        Thread.sleep(25_000); // down across at least two of the schedule's fire times
        long restartedAt = System.currentTimeMillis();
        start();
        await("the catch-up run", Duration.ofSeconds(30), () -> !caughtUp(jobId, restartedAt).isEmpty());
        await("the schedule going on", Duration.ofSeconds(30), () -> runs(jobId).stream()
                .anyMatch(run -> run.path("trigger_info").path("scheduled_time").asLong() > restartedAt));
        List<JsonNode> caughtUp = caughtUp(jobId, restartedAt);
        assertEquals("one run for all the fires missed while down: " + caughtUp, 1, caughtUp.size());
        assertTrue("the catch-up run is for a time well before the restart",
                caughtUp.get(0).path("trigger_info").path("scheduled_time").asLong() < restartedAt - 10_000);
    }

    /** The runs created after the restart for a time before it. */
    private List<JsonNode> caughtUp(long jobId, long restartedAt) {
        return runs(jobId).stream().filter(run -> run.path("start_time").asLong() >= restartedAt
                && run.path("trigger_info").path("scheduled_time").asLong() < restartedAt).toList();
    }

    private List<JsonNode> runs(long jobId) {
        List<JsonNode> runs = new ArrayList<>();
        list("/api/2.1/jobs/runs/list?limit=25&job_id=" + jobId).path("runs").forEach(runs::add);
        return runs;
    }
}
