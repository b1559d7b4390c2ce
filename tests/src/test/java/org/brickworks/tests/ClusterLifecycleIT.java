package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A cluster's life after create, as the Clusters API documents it: edit onto another runtime version (the platform and
 * other clusters keep running), restart, terminate and start again, pin, autotermination; instance pools' pre-started
 * drivers; operations in the wrong state refused with the cluster unchanged.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ClusterLifecycleIT extends ClusterTestSupport {

    @Test
    public void editMovesARunningClusterToAnotherRuntimeAndOtherClustersKeepRunning() throws Exception {
        String idle = created(post("/api/2.0/clusters/create", admin, "{\"cluster_name\":\"idle\",\"spark_version\":\""
                + SPARK35 + "\",\"autotermination_minutes\":1}"));
        String moved = create("moved");
        String other = create("other");
        await("the clusters to run", () -> "RUNNING".equals(state(moved)) && "RUNNING".equals(state(other)));
        long otherPid = pid(other);
        assertTrue(sqlValue(moved, "SELECT version()").startsWith("3.5.7"));

        Answer edited = post("/api/2.1/clusters/edit", admin, "{\"cluster_id\":\"" + moved
                + "\",\"cluster_name\":\"moved\",\"spark_version\":\"" + SPARK40 + "\"}");
        assertEquals(edited.body().toString(), 200, edited.status());
        assertEquals("RESTARTING", state(moved));
        await("the edited cluster to run again", () -> "RUNNING".equals(state(moved)));
        assertEquals(SPARK40, cluster(moved).path("spark_version").asText());
        assertTrue(sqlValue(moved, "SELECT version()").startsWith("4.0.1"));
        assertEquals("untouched", otherPid, pid(other));
        assertEquals("2", sqlValue(other, "SELECT 1 + 1"));

        long before = pid(other);
        assertEquals(200, post("/api/2.0/clusters/restart", admin, "{\"cluster_id\":\"" + other + "\"}").status());
        assertEquals("RESTARTING", state(other));
        await("the restarted cluster to run", () -> "RUNNING".equals(state(other)));
        assertNotEquals(before, pid(other));
        assertFalse(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false));

        assertEquals(200, post("/api/2.0/clusters/delete", admin, "{\"cluster_id\":\"" + other + "\"}").status());
        await("the cluster to terminate", () -> "TERMINATED".equals(state(other)));
        assertEquals(200, post("/api/2.0/clusters/pin", admin, "{\"cluster_id\":\"" + other + "\"}").status());
        assertTrue(cluster(other).path("pinned").asBoolean());
        assertEquals(200, post("/api/2.0/clusters/unpin", admin, "{\"cluster_id\":\"" + other + "\"}").status());
        assertFalse(cluster(other).path("pinned").asBoolean());
        assertTrue(shell("bw:cluster-start " + other).contains(other));
        assertEquals("PENDING", state(other));
        await("the started cluster to run", () -> "RUNNING".equals(state(other)));
        assertEquals("1", sqlValue(other, "SELECT 1"));

        await("the idle cluster to autoterminate", () -> "TERMINATED".equals(state(idle)));
        assertEquals("INACTIVITY", cluster(idle).path("termination_reason").path("code").asText());
        String events = post("/api/2.0/clusters/events", admin, "{\"cluster_id\":\"" + moved + "\"}").body()
                .toString();
        assertTrue(events, events.contains("\"EDITED\""));
        for (String id : new String[] { moved, other }) {
            assertTrue(shell("bw:cluster-delete " + id).contains(id));
        }
    }

    @Test
    public void operationsInTheWrongStateOrWithBadInputAreRefusedAndChangeNothing() throws Exception {
        String id = create("wrong-state");
        await("the cluster to run", () -> "RUNNING".equals(state(id)));
        long pid = pid(id);

        Answer start = post("/api/2.0/clusters/start", admin, "{\"cluster_id\":\"" + id + "\"}");
        assertEquals(400, start.status());
        assertEquals("INVALID_STATE", start.errorCode());
        Answer unknownVersion = post("/api/2.0/clusters/edit", admin, "{\"cluster_id\":\"" + id
                + "\",\"cluster_name\":\"x\",\"spark_version\":\"9.9.x-scala2.12\"}");
        assertEquals("INVALID_PARAMETER_VALUE", unknownVersion.errorCode());
        Answer badScale = post("/api/2.0/clusters/edit", admin, "{\"cluster_id\":\"" + id
                + "\",\"cluster_name\":\"x\",\"spark_version\":\"" + SPARK35 + "\",\"autoscale\":{\"min_workers\":3,"
                + "\"max_workers\":1}}");
        assertEquals("INVALID_PARAMETER_VALUE", badScale.errorCode());
        JsonNode unchanged = cluster(id);
        assertEquals("RUNNING", unchanged.path("state").asText());
        assertEquals("wrong-state", unchanged.path("cluster_name").asText());
        assertEquals(pid, pid(id));
        assertEquals("RESOURCE_DOES_NOT_EXIST",
                post("/api/2.0/clusters/restart", admin, "{\"cluster_id\":\"nope\"}").errorCode());
        assertTrue(failure("bw:cluster-start " + id).contains("only a TERMINATED cluster can be started"));
        String removal = failure("bw:runtime-remove " + SPARK35);
        assertTrue(removal, removal.contains("in use") && removal.contains(id));
        assertTrue(get("/api/2.0/clusters/spark-versions", admin).body().toString().contains(SPARK35));

        assertEquals(200, post("/api/2.0/clusters/delete", admin, "{\"cluster_id\":\"" + id + "\"}").status());
        Answer editTerminating = post("/api/2.0/clusters/edit", admin,
                "{\"cluster_id\":\"" + id + "\",\"cluster_name\":\"x\",\"spark_version\":\"" + SPARK35 + "\"}");
        if (!"TERMINATED".equals(state(id))) {
            assertEquals(editTerminating.body().toString(), "INVALID_STATE", editTerminating.errorCode());
        }
        await("the cluster to terminate", () -> "TERMINATED".equals(state(id)));
        assertEquals("INVALID_STATE",
                post("/api/2.0/clusters/restart", admin, "{\"cluster_id\":\"" + id + "\"}").errorCode());
        String context = "{\"clusterId\":\"" + id + "\",\"language\":\"sql\"}";
        assertEquals("INVALID_STATE", post("/api/1.2/contexts/create", admin, context).errorCode());
        post("/api/2.0/clusters/permanent-delete", admin, "{\"cluster_id\":\"" + id + "\"}");
        assertEquals("RESOURCE_DOES_NOT_EXIST", post("/api/1.2/contexts/create", admin, context).errorCode());
    }

    @Test
    public void clusterFromAnInstancePoolTakesAPreStartedDriver() throws Exception {
        Answer pool = post("/api/2.0/instance-pools/create", admin, "{\"instance_pool_name\":\"warm\","
                + "\"node_type_id\":\"local-small\",\"min_idle_instances\":1,\"preloaded_spark_versions\":[\""
                + SPARK35 + "\"]}");
        assertEquals(pool.body().toString(), 200, pool.status());
        String poolId = pool.body().path("instance_pool_id").asText();
        await("an idle driver in the pool", () -> stats(poolId).path("idle_count").asInt() == 1);

        long began = System.nanoTime();
        String id = created(post("/api/2.0/clusters/create", admin, "{\"cluster_name\":\"pooled\",\"spark_version\":\""
                + SPARK35 + "\",\"instance_pool_id\":\"" + poolId + "\"}"));
        assertEquals("RUNNING", state(id));
        System.out.printf("Pooled cluster create -> RUNNING: %d ms%n", (System.nanoTime() - began) / 1_000_000);
        assertEquals(poolId, cluster(id).path("instance_pool_id").asText());
        assertEquals("4", sqlValue(id, "SELECT 2 * 2"));
        assertEquals(1, stats(poolId).path("used_count").asInt());
        await("the pool to refill", () -> stats(poolId).path("idle_count").asInt() == 1);

        assertEquals("RESOURCE_DOES_NOT_EXIST", post("/api/2.0/clusters/create", admin,
                "{\"cluster_name\":\"x\",\"spark_version\":\"" + SPARK35 + "\",\"instance_pool_id\":\"nope\"}")
                .errorCode());
        assertEquals("INVALID_PARAMETER_VALUE", post("/api/2.0/instance-pools/create", admin,
                "{\"instance_pool_name\":\"x\",\"node_type_id\":\"m5.large\"}").errorCode());
        assertEquals(200, post("/api/2.0/clusters/permanent-delete", admin, "{\"cluster_id\":\"" + id + "\"}")
                .status());
        assertEquals(200, post("/api/2.0/instance-pools/delete", admin, "{\"instance_pool_id\":\"" + poolId + "\"}")
                .status());
        assertEquals("RESOURCE_DOES_NOT_EXIST",
                get("/api/2.0/instance-pools/get?instance_pool_id=" + poolId, admin).errorCode());
    }

    private JsonNode stats(String poolId) {
        try {
            return get("/api/2.0/instance-pools/get?instance_pool_id=" + poolId, admin).body().path("stats");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String created(Answer answer) {
        assertEquals(answer.body().toString(), 200, answer.status());
        return answer.body().path("cluster_id").asText();
    }
}
