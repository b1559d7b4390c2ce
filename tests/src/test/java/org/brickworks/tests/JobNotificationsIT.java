package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.brickworks.rest.api.RestContext;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.mail.MessagingException;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A job's notifications leave the platform: emails through a real SMTP server (GreenMail, read back over POP3) on a
 * run's start, success and failure, none for a skipped run with {@code no_alert_for_skipped_runs}; webhooks posted to
 * the destination the jobs configuration names; the configuration changed while the platform runs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JobNotificationsIT extends PlatformTestSupport {
    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Test
    public void runsSendEmailsThroughSmtpAndPostWebhooks() throws Exception {
        List<String> hooks = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> servlet = new Hashtable<>();
        servlet.put("osgi.http.whiteboard.servlet.pattern", "/test-hooks/*");
        servlet.put("osgi.http.whiteboard.context.select", RestContext.OPEN_SELECT);
        ServiceRegistration<Servlet> receiver = context.registerService(Servlet.class, new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
                hooks.add(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                response.setStatus(200);
            }
        }, servlet);
        Configuration jobs = configurationAdmin.getConfiguration("org.brickworks.jobs", "?");
        try (GreenMail mail = new GreenMail(Files.createTempFile("greenmail", ".log"))) {
            Dictionary<String, Object> settings = new Hashtable<>();
            settings.put("smtp.host", "127.0.0.1");
            settings.put("smtp.port", Integer.toString(mail.smtpPort()));
            settings.put("smtp.from", "jobs@brickworks.test");
            settings.put("webhook.ops.url", baseUrl() + "/test-hooks/ops");
            jobs.update(settings);

            long good = create("""
                    {"name": "nightly", "email_notifications": {"on_start": ["ada@brickworks.test"],
                       "on_success": ["ada@brickworks.test"], "on_failure": ["ops@brickworks.test"]},
                     "webhook_notifications": {"on_success": [{"id": "ops"}]},
                     "tasks": [{"task_key": "t", "condition_task": {"op": "EQUAL_TO", "left": "1", "right": "1"}}]}""");
            long goodRun = run(good);
            await("the start and success emails", () -> subjects(mail, "ada@brickworks.test").size() == 2);
            assertEquals(List.of("[Brickworks] Run " + goodRun + " of nightly started",
                    "[Brickworks] Run " + goodRun + " of nightly succeeded"), subjects(mail, "ada@brickworks.test"));
            await("the success webhook", () -> hooks.size() == 1);
            JsonNode hook = JSON.readTree(hooks.get(0));
            assertEquals("jobs.on_success", hook.path("event_type").asText());
            assertEquals(goodRun, hook.path("run").path("run_id").asLong());
            assertEquals(good, hook.path("job").path("job_id").asLong());

            long bad = create("""
                    {"name": "broken", "email_notifications": {"on_failure": ["ops@brickworks.test"],
                       "no_alert_for_skipped_runs": true}, "max_concurrent_runs": 0,
                     "tasks": [{"task_key": "t", "condition_task": {"op": "GREATER_THAN", "left": "a", "right": "1"}}]}
                    """);
            run(bad); // skipped: max_concurrent_runs is 0, and skipped runs alert no one
            assertEquals(200, post("/api/2.1/jobs/update", admin, "{\"job_id\": " + bad
                    + ", \"new_settings\": {\"max_concurrent_runs\": 1}}").status());
            long badRun = run(bad);
            await("the failure email", () -> subjects(mail, "ops@brickworks.test").size() == 1);
            assertEquals(List.of("[Brickworks] Run " + badRun + " of broken failed"),
                    subjects(mail, "ops@brickworks.test"));

            // A run longer than its health rule's threshold warns while it runs (its failing attempt retries for 3 s).
            long slow = create("""
                    {"name": "slow", "email_notifications": {"on_duration_warning_threshold_exceeded":
                       ["slow@brickworks.test"]}, "webhook_notifications": {"on_duration_warning_threshold_exceeded":
                       [{"id": "ops"}]},
                     "health": {"rules": [{"metric": "RUN_DURATION_SECONDS", "op": "GREATER_THAN", "value": 1}]},
                     "tasks": [{"task_key": "t", "max_retries": 1, "min_retry_interval_millis": 3000,
                                "condition_task": {"op": "GREATER_THAN", "left": "a", "right": "1"}}]}""");
            long slowRun = run(slow);
            await("the duration warning", () -> subjects(mail, "slow@brickworks.test").size() == 1);
            assertEquals(List.of("[Brickworks] Run " + slowRun + " of slow is running longer than expected"),
                    subjects(mail, "slow@brickworks.test"));
            await("the duration webhook", () -> hooks.size() == 2);
            assertEquals("jobs.on_duration_warning_threshold_exceeded",
                    JSON.readTree(hooks.get(1)).path("event_type").asText());
            long quick = create("""
                    {"name": "quick", "email_notifications": {"on_duration_warning_threshold_exceeded":
                       ["quick@brickworks.test"], "on_success": ["quick@brickworks.test"]},
                     "health": {"rules": [{"metric": "RUN_DURATION_SECONDS", "op": "GREATER_THAN", "value": 1}]},
                     "tasks": [{"task_key": "t", "condition_task": {"op": "EQUAL_TO", "left": "1", "right": "1"}}]}""");
            long quickRun = run(quick);
            await("the success email", () -> subjects(mail, "quick@brickworks.test").size() == 1);
            Thread.sleep(1500); // past the threshold: a run that ended before it warns no one
            assertEquals(List.of("[Brickworks] Run " + quickRun + " of quick succeeded"),
                    subjects(mail, "quick@brickworks.test"));
        } finally {
            jobs.delete();
            receiver.unregister();
        }
    }

    private long create(String settings) throws Exception {
        Answer created = post("/api/2.1/jobs/create", admin, settings);
        assertEquals(created.body().toString(), 200, created.status());
        return created.body().path("job_id").asLong();
    }

    /** Runs the job and waits for its run to end; the run's id. */
    private long run(long jobId) throws Exception {
        long runId = post("/api/2.1/jobs/run-now", admin, "{\"job_id\": " + jobId + "}").body().path("run_id")
                .asLong();
        await("run " + runId + " to end", () -> {
            try {
                return get("/api/2.1/jobs/runs/get?run_id=" + runId, admin).body().path("state")
                        .path("life_cycle_state").asText().matches("TERMINATED|SKIPPED|INTERNAL_ERROR");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        return runId;
    }

    private static List<String> subjects(GreenMail mail, String address) {
        try {
            return mail.subjects(address);
        } catch (MessagingException e) {
            return List.of(); // no mailbox yet: nothing received
        }
    }
}
