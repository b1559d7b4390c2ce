package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two platforms on one PostgreSQL store both run the job scheduler: a job due every 10 s fires once per scheduled
 * time, never twice, however the two platforms' polls meet (each claims a fire by a conditional update of the job's
 * row, which PostgreSQL's row lock serialises).
 */
public class PostgresSchedulerIT extends DistributionTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    public void twoPlatformsOnOneStoreFireEachScheduledTimeOnce() throws Exception {
        PostgresServer postgres = PostgresServer.shared();
        String store = "url=" + postgres.jdbcUrl() + "\nuser=" + PostgresServer.USER + "\npassword=\n";
        Path second = Files.createTempDirectory("brickworks-e2e-second").resolve("brickworks");
        copy(Features.DISTRIBUTION, second);
        Files.writeString(home.resolve("etc/org.brickworks.store.cfg"), store);
        Files.writeString(second.resolve("etc/org.brickworks.store.cfg"), store);
        start();
        int secondPort = freePort();
        ProcessBuilder builder = new ProcessBuilder(second.resolve("bin/brickworks").toString())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(second.resolve("platform.log").toFile()));
        builder.environment().put("BRICKWORKS_DATA", second.getParent().resolve("data").toString());
        builder.environment().put("BRICKWORKS_HTTP_PORT", Integer.toString(secondPort));
        builder.environment().put("BRICKWORKS_SSH_PORT", Integer.toString(freePort()));
        builder.environment().remove("BRICKWORKS_TOKEN");
        Process other = builder.start();
        try {
            await("the second platform", Duration.ofMinutes(2), () -> answersHealth(secondPort));
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(url("/api/2.1/jobs/create")))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"shared\", \"schedule\":"
                            + " {\"quartz_cron_expression\": \"* * * * * ?\", \"timezone_id\": \"UTC\"},"
                            + " \"tasks\": [{\"task_key\": \"t\", \"condition_task\": {\"op\": \"EQUAL_TO\","
                            + " \"left\": \"1\", \"right\": \"1\"}}]}")));
            assertEquals(created.body(), 200, created.statusCode());
            long jobId = JSON.readTree(created.body()).path("job_id").asLong();
            await("four scheduled runs", Duration.ofMinutes(2), () -> scheduledTimes(jobId).size() >= 4);
            post("/api/2.1/jobs/update", "{\"job_id\": " + jobId + ", \"new_settings\": {\"schedule\":"
                    + " {\"quartz_cron_expression\": \"* * * * * ?\", \"timezone_id\": \"UTC\","
                    + " \"pause_status\": \"PAUSED\"}}}");
            List<Long> times = scheduledTimes(jobId);
            assertEquals("each scheduled time fired once: " + times, times.size(), new HashSet<>(times).size());
            for (int i = 1; i < times.size(); i++) {
                assertTrue("runs at least 10 s apart: " + times, times.get(i - 1) - times.get(i) >= 10_000);
            }
        } finally {
            other.destroy();
            other.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private boolean answersHealth(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/2.0/health"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** The scheduled times of the job's runs, newest first. */
    private List<Long> scheduledTimes(long jobId) {
        List<Long> times = new ArrayList<>();
        for (JsonNode run : list("/api/2.1/jobs/runs/list?limit=25&job_id=" + jobId).path("runs")) {
            times.add(run.path("trigger_info").path("scheduled_time").asLong());
        }
        return times;
    }
}
