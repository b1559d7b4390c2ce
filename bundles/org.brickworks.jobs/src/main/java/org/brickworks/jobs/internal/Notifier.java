package org.brickworks.jobs.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * A job run's notifications: {@code email_notifications} through the SMTP server of the jobs configuration (Jakarta
 * Mail, with Angus Mail as its implementation) and {@code webhook_notifications} as an HTTP POST of Databricks'
 * webhook payload to the destinations the configuration names. Sent from a thread of their own, so that a slow mail
 * server delays no run; a failure is logged and nothing else.
 * <p>
 * Configuration (PID {@code org.brickworks.jobs}, {@code etc/org.brickworks.jobs.cfg}): {@code smtp.host},
 * {@code smtp.port} (25), {@code smtp.from}, {@code smtp.username}, {@code smtp.password}, {@code smtp.starttls}
 * (false); {@code webhook.<id>.url} for each destination id a job may name, with optional
 * {@code webhook.<id>.username} and {@code webhook.<id>.password} for basic authentication.
 */
final class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    /** The events, as the settings' fields name them. */
    static final String ON_START = "on_start";
    static final String ON_SUCCESS = "on_success";
    static final String ON_FAILURE = "on_failure";
    static final String ON_DURATION = "on_duration_warning_threshold_exceeded";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "brickworks-job-notifications");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Map<String, Object> config = Map.of();

    void configure(Map<String, Object> properties) {
        config = properties == null ? Map.of() : Map.copyOf(properties);
    }

    void close() {
        sender.shutdown();
    }

    /**
     * Sends the notifications {@code settings} ask for on {@code event} of {@code run}: its emails and its webhooks.
     */
    void notify(String event, JsonNode settings, ObjectNode run) {
        List<String> addresses = new ArrayList<>();
        settings.path("email_notifications").path(event).forEach(a -> addresses.add(a.asText()));
        List<String> destinations = new ArrayList<>();
        settings.path("webhook_notifications").path(event).forEach(d -> destinations.add(d.path("id").asText()));
        if (addresses.isEmpty() && destinations.isEmpty()) {
            return;
        }
        ObjectNode snapshot = run.deepCopy();
        sender.execute(() -> {
            if (!addresses.isEmpty()) {
                email(event, addresses, snapshot);
            }
            destinations.forEach(destination -> webhook(event, destination, snapshot));
        });
    }

    private void email(String event, List<String> addresses, ObjectNode run) {
        Map<String, Object> settings = config;
        String host = text(settings, "smtp.host", null);
        if (host == null) {
            LOG.warn("Run {} asks for {} emails, but no SMTP server is configured (smtp.host in"
                    + " etc/org.brickworks.jobs.cfg)", run.path("run_id").asLong(), event);
            return;
        }
        Properties mail = new Properties();
        mail.put("mail.smtp.host", host);
        mail.put("mail.smtp.port", text(settings, "smtp.port", "25"));
        mail.put("mail.smtp.starttls.enable", text(settings, "smtp.starttls", "false"));
        mail.put("mail.smtp.connectiontimeout", "10000");
        mail.put("mail.smtp.timeout", "10000");
        String user = text(settings, "smtp.username", null);
        Authenticator login = null;
        if (user != null) {
            mail.put("mail.smtp.auth", "true");
            String password = text(settings, "smtp.password", "");
            login = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, password);
                }
            };
        }
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(mail, login));
            message.setFrom(new InternetAddress(text(settings, "smtp.from", "brickworks@localhost")));
            for (String address : addresses) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
            }
            message.setSubject(subject(event, run), "UTF-8");
            message.setText(body(event, run), "UTF-8");
            Transport.send(message);
            LOG.debug("Run {}: {} email sent to {}", run.path("run_id").asLong(), event, addresses);
        } catch (MessagingException | RuntimeException e) {
            LOG.warn("Run {}: the {} email to {} was not sent: {}", run.path("run_id").asLong(), event, addresses,
                    e.toString());
        }
    }

    private void webhook(String event, String destination, ObjectNode run) {
        Map<String, Object> settings = config;
        String url = text(settings, "webhook." + destination + ".url", null);
        if (url == null) {
            LOG.warn("Run {} asks for a {} webhook to destination {}, which is not configured (webhook.{}.url in"
                    + " etc/org.brickworks.jobs.cfg)", run.path("run_id").asLong(), event, destination, destination);
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event_type", "jobs." + event);
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("job_id", run.path("job_id").isMissingNode() ? null : run.path("job_id").asLong());
        job.put("name", run.path("run_name").asText());
        payload.put("job", job);
        payload.put("run", Map.of("run_id", run.path("run_id").asLong(), "state", RunStore.JSON.convertValue(
                run.path("state"), Map.class)));
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(RunStore.JSON.writeValueAsString(payload)));
            String user = text(settings, "webhook." + destination + ".username", null);
            if (user != null) {
                request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":"
                        + text(settings, "webhook." + destination + ".password", "")).getBytes()));
            }
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                LOG.warn("Run {}: the {} webhook to {} answered {}", run.path("run_id").asLong(), event, destination,
                        status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Run {}: the {} webhook to {} failed: {}", run.path("run_id").asLong(), event, destination,
                    e.toString());
        }
    }

    static String subject(String event, JsonNode run) {
        String what = switch (event) {
        case ON_START -> "started";
        case ON_SUCCESS -> "succeeded";
        case ON_DURATION -> "is running longer than expected";
        default -> "failed";
        };
        return "[Brickworks] Run " + run.path("run_id").asLong() + " of " + run.path("run_name").asText() + " "
                + what;
    }

    static String body(String event, JsonNode run) {
        JsonNode state = run.path("state");
        StringBuilder body = new StringBuilder(subject(event, run).substring("[Brickworks] ".length())).append(".\n\n");
        if (run.has("job_id")) {
            body.append("Job: ").append(run.path("job_id").asLong()).append('\n');
        }
        body.append("Run: ").append(run.path("run_id").asLong()).append('\n');
        body.append("State: ").append(state.path("life_cycle_state").asText());
        if (state.has("result_state")) {
            body.append(' ').append(state.path("result_state").asText());
        }
        body.append('\n');
        if (!state.path("state_message").asText().isEmpty()) {
            body.append("Message: ").append(state.path("state_message").asText()).append('\n');
        }
        body.append("Started: ").append(Instant.ofEpochMilli(run.path("start_time").asLong())).append('\n');
        if (run.path("end_time").asLong() > 0) {
            body.append("Ended: ").append(Instant.ofEpochMilli(run.path("end_time").asLong())).append('\n');
        }
        return body.toString();
    }

    private static String text(Map<String, Object> settings, String key, String fallback) {
        Object value = settings.get(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString().trim();
    }
}
