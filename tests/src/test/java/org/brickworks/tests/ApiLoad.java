package org.brickworks.tests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Clients calling the API in a loop while a test swaps something under them: every answer but a 200 is a failure,
 * kept with what the client saw.
 */
final class ApiLoad {
    /** A request that did not answer 200: its number, its kind (status and error code, or exception), details. */
    record Failure(int request, String path, String kind, String detail) {
    }

    final AtomicInteger requests = new AtomicInteger();
    /** The longest a request took, in milliseconds. */
    final AtomicLong slowest = new AtomicLong();
    final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
    final Queue<JsonNode> answers = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService clients;
    private final IntFunction<HttpRequest> requestOf;

    /** {@code clients} threads send {@code requestOf.apply(n)}, {@code n} counting the requests of all. */
    ApiLoad(int clients, IntFunction<HttpRequest> requestOf) {
        this.requestOf = requestOf;
        this.clients = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < clients; i++) {
            this.clients.submit(this::loop);
        }
    }

    private void loop() {
        while (running.get()) {
            int n = requests.incrementAndGet();
            HttpRequest request = requestOf.apply(n);
            long began = System.nanoTime();
            try {
                HttpResponse<String> response = PlatformTestSupport.HTTP.send(request,
                        HttpResponse.BodyHandlers.ofString());
                JsonNode body = response.body().startsWith("{") ? PlatformTestSupport.JSON.readTree(response.body())
                        : null;
                if (response.statusCode() == 200 && body != null) {
                    answers.add(body);
                } else {
                    failures.add(new Failure(n, request.uri().getPath(), response.statusCode() + " "
                            + (body == null ? "non-JSON" : body.path("error_code").asText()), response.body()));
                }
            } catch (Exception e) {
                failures.add(new Failure(n, request.uri().getPath(), e.getClass().getSimpleName(), e.getMessage()));
            }
            slowest.accumulateAndGet((System.nanoTime() - began) / 1_000_000, Math::max);
        }
    }

    /** Waits until the clients have sent {@code count} requests in all. */
    void awaitRequests(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (requests.get() < count) {
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting for " + count + " requests");
            }
            Thread.onSpinWait();
        }
    }

    void stop() throws InterruptedException {
        running.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
    }

    /** How many requests failed with each kind of failure. */
    Map<String, Integer> failureKinds() {
        Map<String, Integer> kinds = new TreeMap<>();
        failures.forEach(failure -> kinds.merge(failure.path() + " " + failure.kind(), 1, Integer::sum));
        return kinds;
    }
}
