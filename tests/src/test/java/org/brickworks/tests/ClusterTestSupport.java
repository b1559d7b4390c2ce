package org.brickworks.tests;

import static org.junit.Assert.assertEquals;

import java.io.IOException;

import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;

/** Clusters over the REST API for in-framework tests: create, read, run SQL through the Command Execution API 1.2. */
public abstract class ClusterTestSupport extends PlatformTestSupport {
    protected static final String SPARK35 = "15.4.x-scala2.12";
    protected static final String SPARK40 = "17.3.x-scala2.13";

    /** Executes SQL {@code command} and polls its status until it is no longer queued or running. */
    protected JsonNode runCommand(String id, String contextId, String command) throws Exception {
        return runCommand(id, contextId, "sql", command);
    }

    /** Executes {@code command} in {@code language} and polls its status until it is no longer queued or running. */
    protected JsonNode runCommand(String id, String contextId, String language, String command) throws Exception {
        Answer executed = post("/api/1.2/commands/execute", admin, JSON.createObjectNode().put("clusterId", id)
                .put("contextId", contextId).put("language", language).put("command", command).toString());
        assertEquals(executed.body().toString(), 200, executed.status());
        String status = "/api/1.2/commands/status?clusterId=" + id + "&contextId=" + contextId + "&commandId="
                + executed.body().path("id").asText();
        long deadline = System.nanoTime() + 120_000_000_000L;
        JsonNode answer = get(status, admin).body();
        while (answer.path("status").asText().matches("Queued|Running") && System.nanoTime() < deadline) {
            answer = get(status, admin).body();
        }
        return answer;
    }

    protected String create(String name) throws IOException, InterruptedException {
        return create(name, SPARK35);
    }

    /** Creates a single-node cluster on {@code sparkVersion}; its id. */
    protected String create(String name, String sparkVersion) throws IOException, InterruptedException {
        Answer created = post("/api/2.0/clusters/create", admin,
                "{\"cluster_name\":\"" + name + "\",\"spark_version\":\"" + sparkVersion + "\"}");
        assertEquals(created.body().toString(), 200, created.status());
        return created.body().path("cluster_id").asText();
    }

    /**
     * Waits until the cluster leaves PENDING (a first start may resolve a runtime's closure; a loaded machine takes
     * longer than {@link #await}'s minute) and asserts RUNNING, with its events and driver log when it is not.
     */
    protected void awaitRunning(String id) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (state(id).matches("PENDING|RESTARTING") && System.nanoTime() < deadline) {
            Thread.sleep(200); // polling interval of a condition wait
        }
        if (!"RUNNING".equals(state(id))) {
            throw new AssertionError("Cluster " + id + " is " + state(id) + ": "
                    + post("/api/2.0/clusters/events", admin, "{\"cluster_id\":\"" + id + "\"}").body() + "\n"
                    + get("/api/2.0/clusters/driver-logs?cluster_id=" + id, admin).body().path("log").asText());
        }
    }

    protected long pid(String id) throws IOException, InterruptedException {
        return cluster(id).path("driver").path("pid").asLong();
    }

    protected Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName().equals(symbolicName)) {
                return bundle;
            }
        }
        throw new AssertionError("No bundle " + symbolicName);
    }

    protected JsonNode cluster(String id) throws IOException, InterruptedException {
        return get("/api/2.0/clusters/get?cluster_id=" + id, admin).body();
    }

    protected String state(String id) {
        try {
            return cluster(id).path("state").asText();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** A new SQL context on the cluster; its id. */
    protected String sqlContext(String id) throws IOException, InterruptedException {
        Answer context = post("/api/1.2/contexts/create", admin, "{\"clusterId\":\"" + id + "\",\"language\":\"sql\"}");
        assertEquals(context.body().toString(), 200, context.status());
        return context.body().path("id").asText();
    }

    /** The first value of {@code query}'s first row, in a context of its own. */
    protected String sqlValue(String id, String query) throws Exception {
        JsonNode result = runCommand(id, sqlContext(id), query);
        assertEquals(result.toString(), "Finished", result.path("status").asText());
        return result.path("results").path("data").path(0).path(0).asText();
    }
}
