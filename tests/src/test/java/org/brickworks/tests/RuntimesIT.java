package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;


import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Spark runtime versions contributed by plugin bundles: listed over REST and in the shell, live as bundles come, go.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimesIT extends PlatformTestSupport {
    private static final String SPARK35 = "15.4.x-scala2.12";
    private static final String SPARK40 = "17.3.x-scala2.13";
    /** What the Databricks SDKs' and Terraform's version selectors parse. */
    private static final Pattern KEY = Pattern.compile("^(\\d+\\.\\d+)\\.x-.*scala2\\.1\\d$");
    private static final Pattern NAME = Pattern
            .compile("^\\d+\\.\\d+ LTS \\(includes Apache Spark \\d+\\.\\d+\\.\\d+, Scala 2\\.1\\d\\)$");


    @Test
    public void sparkVersionsListsBothRuntimesInDatabricksForm() throws Exception {
        for (String api : new String[] { "2.0", "2.1" }) {
            Answer answer = get("/api/" + api + "/clusters/spark-versions", admin);
            assertEquals(answer.body().toString(), 200, answer.status());
            assertEquals(List.of(SPARK35, SPARK40), keys(answer.body()));
            for (JsonNode version : answer.body().path("versions")) {
                assertTrue(version.toString(), KEY.matcher(version.path("key").asText()).matches());
                assertTrue(version.toString(), NAME.matcher(version.path("name").asText()).matches());
            }
        }
        assertTrue(get("/api/2.0/clusters/spark-versions", admin).body().toString()
                .contains("\"name\":\"15.4 LTS (includes Apache Spark 3.5.7, Scala 2.12)\""));
        assertEquals(401, get("/api/2.0/clusters/spark-versions", null).status());
    }

    @Test
    public void shellListsBothRuntimesWithTheirVersions() throws Exception {
        String table = shell("bw:runtimes");
        assertTrue(table, table.startsWith("KEY"));
        assertTrue(table,
                table.matches("(?s).*" + Pattern.quote(SPARK35) + " +15\\.4 LTS.* +3\\.5\\.7 +2\\.12 +3\\.3\\.2\n.*"));
        assertTrue(table,
                table.matches("(?s).*" + Pattern.quote(SPARK40) + " +17\\.3 LTS.* +4\\.0\\.1 +2\\.13 +4\\.0\\.1\\s*"));
        assertTrue(shell("bw:help runtimes").contains("Usage: bw:runtimes"));
    }

    @Test
    public void stoppingARuntimeBundleRemovesItsVersionAndStartingItBringsItBack() throws Exception {
        Bundle spark40 = bundle("org.brickworks.runtime.spark40");
        spark40.stop();
        try {
            await("17.3 to disappear", () -> keys().equals(List.of(SPARK35)));
            assertFalse(shell("bw:runtimes").contains(SPARK40));
        } finally {
            spark40.start();
        }
        await("17.3 to come back", () -> keys().equals(List.of(SPARK35, SPARK40)));
    }

    private List<String> keys() {
        try {
            return keys(get("/api/2.0/clusters/spark-versions", admin).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> keys(JsonNode sparkVersions) {
        List<String> keys = new ArrayList<>();
        sparkVersions.path("versions").forEach(version -> keys.add(version.path("key").asText()));
        return keys;
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName().equals(symbolicName)) {
                return bundle;
            }
        }
        throw new AssertionError("No bundle " + symbolicName);
    }

}
