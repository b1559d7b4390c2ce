package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Readiness on Apache Felix Health Checks: {@code GET /api/2.0/health} and {@code bw:health} say 200/Ready only while
 * the store, the admin token and every required area's routes are there, and name the area that is not.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HealthIT extends PlatformTestSupport {

    @Test
    public void healthIsOkAndListsTheStoreTheAdminTokenAndTheRoutes() throws Exception {
        Answer health = get("/api/2.0/health", null);

        assertEquals(200, health.status());
        assertEquals("OK", health.body().path("status").asText());
        List<String> names = new ArrayList<>();
        health.body().path("checks").forEach(c -> names.add(c.path("name").asText()));
        assertTrue(names.toString(), names.containsAll(List.of("store", "admin token", "routes")));
        assertTrue(health.body().toString(),
                health.body().toString().contains("clusters: serving /api/2.0/clusters/*"));
    }

    @Test
    public void healthIsUnavailableNamingTheAreaWhileItsBundleIsStoppedAndOkOnceItIsBack() throws Exception {
        Bundle clusters = bundle("org.brickworks.clusters");
        clusters.stop();
        try {
            Answer health = get("/api/2.0/health", null);
            System.out.println("health while org.brickworks.clusters is stopped: " + health.status() + " "
                    + health.body());

            assertEquals(503, health.status());
            assertEquals("TEMPORARILY_UNAVAILABLE", health.errorCode());
            assertTrue(health.body().path("message").asText(), health.body().path("message").asText()
                    .startsWith("Brickworks is not ready yet: "));
            List<String> pending = new ArrayList<>();
            for (JsonNode check : health.body().path("pending")) {
                pending.add(check.path("name").asText() + ": " + check.path("message").asText());
            }
            assertTrue(pending.toString(),
                    pending.contains("routes: clusters: the ClusterService service is not registered"));

            String shell = shell("bw:health");
            System.out.println("bw:health while org.brickworks.clusters is stopped:\n" + shell);
            assertTrue(shell, shell.startsWith("Not ready: routes"));
            assertTrue(shell, shell.contains("clusters: the ClusterService service is not registered"));
        } finally {
            clusters.start();
        }
        await("health 200 again", () -> status("/api/2.0/health") == 200);
        String shell = shell("bw:health");
        System.out.println("bw:health once it is back:\n" + shell);
        assertTrue(shell, shell.startsWith("Ready\n"));
        assertTrue(shell, shell.matches("(?s).*\\nstore +OK .*"));
        assertTrue(shell, shell.matches("(?s).*\\nadmin token +OK .*"));
        assertTrue(shell, shell.matches("(?s).*\\nroutes +OK +\\d+ +clusters: serving /api/2.0/clusters/\\*.*"));
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private int status(String path) {
        try {
            return get(path, null).status();
        } catch (Exception e) {
            return -1;
        }
    }
}
