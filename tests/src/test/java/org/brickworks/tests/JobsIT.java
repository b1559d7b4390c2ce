package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Jobs API 2.0/2.1/2.2 over real HTTP, as Databricks' clients call it: create, get, list with pages, update, reset,
 * delete; bad settings refused naming the field and saving nothing; the shell's job commands.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JobsIT extends PlatformTestSupport {
    private static final String DAG = """
            {"name": "%s", "tags": {"team": "data"},
             "job_clusters": [{"job_cluster_key": "shared", "new_cluster": {"spark_version": "15.4.x-scala2.12",
               "node_type_id": "local-small", "num_workers": 0}}],
             "tasks": [
               {"task_key": "ingest", "job_cluster_key": "shared", "notebook_task": {"notebook_path": "/Shared/in"}},
               {"task_key": "load", "depends_on": [{"task_key": "ingest"}], "run_if": "ALL_DONE",
                "job_cluster_key": "shared", "spark_jar_task": {"main_class_name": "Load"}}]}""";

    @Test
    public void aJobIsCreatedReadUpdatedResetAndDeletedThroughEveryVersion() throws Exception {
        long id = create("etl");
        JsonNode job = get("/api/2.2/jobs/get?job_id=" + id, admin).body();
        assertEquals("admin", job.path("creator_user_name").asText());
        assertTrue(job.path("created_time").asLong() > 0);
        assertEquals("etl", job.path("settings").path("name").asText());
        assertEquals("MULTI_TASK", job.path("settings").path("format").asText());
        assertEquals("data", job.path("settings").path("tags").path("team").asText());
        assertEquals(2, job.path("settings").path("tasks").size());

        Answer updated = post("/api/2.1/jobs/update", admin, "{\"job_id\": " + id + ", \"new_settings\": {\"name\":"
                + " \"etl2\", \"tasks\": [{\"task_key\": \"report\", \"depends_on\": [{\"task_key\": \"load\"}],"
                + " \"run_job_task\": {\"job_id\": " + id + "}}]}, \"fields_to_remove\": [\"tags\"]}");
        assertEquals(200, updated.status());
        JsonNode settings = get("/api/2.0/jobs/get?job_id=" + id, admin).body().path("settings");
        assertEquals("etl2", settings.path("name").asText());
        assertTrue(settings.path("tags").isMissingNode());
        assertEquals(List.of("ingest", "load", "report"), keys(settings.path("tasks")));

        assertEquals(200, post("/api/2.0/jobs/reset", admin, "{\"job_id\": " + id + ", \"new_settings\": {\"name\":"
                + " \"single\", \"run_job_task\": {\"job_id\": " + id + "}}}").status());
        settings = get("/api/2.0/jobs/get?job_id=" + id, admin).body().path("settings");
        assertEquals("SINGLE_TASK", settings.path("format").asText());
        assertTrue(settings.path("tasks").isMissingNode() && settings.path("job_clusters").isMissingNode());
        assertEquals(200, post("/api/2.0/jobs/delete", admin, "{\"job_id\": " + id + "}").status());
        assertError(get("/api/2.2/jobs/get?job_id=" + id, admin), 404, "RESOURCE_DOES_NOT_EXIST");
        assertError(post("/api/2.2/jobs/delete", admin, "{\"job_id\": " + id + "}"), 404, "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    public void listPagesWithTokensUntilTheLastPageHasNone() throws Exception {
        String name = "paged-" + System.nanoTime();
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create(name));
        }
        List<Long> seen = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            JsonNode page = get("/api/2.2/jobs/list?limit=2&name=" + name.toUpperCase() + "&page_token=" + token,
                    admin).body();
            page.path("jobs").forEach(j -> {
                seen.add(j.path("job_id").asLong());
                assertTrue(j.path("settings").path("tasks").isMissingNode());
            });
            token = page.path("next_page_token").asText("");
            assertEquals(!token.isEmpty(), page.path("has_more").asBoolean());
            pages++;
        } while (!token.isEmpty());
        assertEquals(created, seen);
        assertEquals(3, pages);
        JsonNode expanded = get("/api/2.1/jobs/list?limit=1&expand_tasks=true&name=" + name, admin).body();
        assertEquals(2, expanded.path("jobs").get(0).path("settings").path("tasks").size());
        assertError(get("/api/2.1/jobs/list?limit=101", admin), 400, "INVALID_PARAMETER_VALUE");
        assertError(get("/api/2.1/jobs/list?page_token=bogus", admin), 400, "INVALID_PARAMETER_VALUE");
    }

    @Test
    public void version22PagesTheTasksOfALongJobAndTheLastPageHasNoToken() throws Exception {
        StringBuilder tasks = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            tasks.append(i == 0 ? "" : ",").append("{\"task_key\": \"t").append(i)
                    .append("\", \"condition_task\": {\"op\": \"EQUAL_TO\", \"left\": \"1\", \"right\": \"1\"}}");
        }
        Answer created = post("/api/2.2/jobs/create", admin, "{\"name\": \"long\", \"tasks\": [" + tasks + "]}");
        assertEquals(created.body().toString(), 200, created.status());
        long id = created.body().path("job_id").asLong();
        JsonNode first = get("/api/2.2/jobs/get?job_id=" + id, admin).body();
        assertEquals(100, first.path("settings").path("tasks").size());
        String token = first.path("next_page_token").asText();
        assertFalse(token.isEmpty());
        JsonNode second = get("/api/2.2/jobs/get?job_id=" + id + "&page_token=" + token, admin).body();
        assertEquals(50, second.path("settings").path("tasks").size());
        assertEquals("t100", second.path("settings").path("tasks").path(0).path("task_key").asText());
        assertTrue(second.toString(), second.path("next_page_token").isMissingNode());
        assertEquals(150, get("/api/2.1/jobs/get?job_id=" + id, admin).body().path("settings").path("tasks").size());
        assertEquals(200, post("/api/2.2/jobs/delete", admin, "{\"job_id\": " + id + "}").status());
    }

    @Test
    public void badSettingsAreRefusedNamingTheFieldAndSaveNothing() throws Exception {
        long id = create("kept");
        String cycle = "{\"name\": \"cycle\", \"tasks\": [{\"task_key\": \"a\", \"depends_on\": [{\"task_key\": \"b\"}],"
                + " \"run_job_task\": {\"job_id\": 1}}, {\"task_key\": \"b\", \"depends_on\": [{\"task_key\": \"a\"}],"
                + " \"run_job_task\": {\"job_id\": 1}}]}";
        Answer refused = post("/api/2.2/jobs/create", admin, cycle);
        assertError(refused, 400, "INVALID_PARAMETER_VALUE");
        assertEquals("The tasks' depends_on form a cycle through a, b", refused.body().path("message").asText());
        assertTrue(get("/api/2.2/jobs/list?name=cycle", admin).body().path("jobs").isEmpty());

        Answer unknownCluster = post("/api/2.0/jobs/reset", admin, "{\"job_id\": " + id + ", \"new_settings\":"
                + " {\"existing_cluster_id\": \"no-such-cluster\", \"notebook_task\": {\"notebook_path\": \"/x\"}}}");
        assertError(unknownCluster, 400, "INVALID_PARAMETER_VALUE");
        assertTrue(unknownCluster.body().path("message").asText().contains("existing_cluster_id no-such-cluster"));
        assertError(post("/api/2.1/jobs/update", admin, "{\"job_id\": " + id + ", \"fields_to_remove\":"
                + " [\"tasks/ingest\"]}"), 400, "INVALID_PARAMETER_VALUE");
        assertEquals(2, get("/api/2.1/jobs/get?job_id=" + id, admin).body().path("settings").path("tasks").size());
        assertError(post("/api/2.1/jobs/update", admin, "{\"new_settings\": {}}"), 400, "INVALID_PARAMETER_VALUE");
        assertError(get("/api/2.1/jobs/get?job_id=abc", admin), 400, "INVALID_PARAMETER_VALUE");
        assertError(post("/api/2.1/jobs/create", null, "{}"), 401, "UNAUTHENTICATED");
    }

    @Test
    public void theShellListsCreatesShowsAndDeletesJobs() throws Exception {
        Path file = Files.createTempFile("job", ".json");
        Files.writeString(file, String.format(DAG, "from-shell"));
        String created = shell("bw:job-create " + file).strip();
        assertTrue(created, created.matches("Created job \\d+ \\(from-shell\\)"));
        String id = created.replaceAll("\\D+(\\d+).*", "$1");
        String listed = shell("bw:jobs");
        assertTrue(listed, listed.startsWith("JOB_ID") && listed.contains(id) && listed.contains("from-shell"));
        assertTrue(shell("bw:job-get " + id).contains("\"task_key\" : \"ingest\""));
        assertEquals("Deleted job " + id, shell("bw:job-delete " + id).strip());
        assertTrue(failure("bw:job-get " + id).contains("Job " + id + " does not exist."));
        Files.writeString(file, "[1, 2]");
        assertTrue(failure("bw:job-create " + file).contains("is not a JSON object of job settings"));
        assertFalse(shell("bw:jobs").contains("from-shell"));
    }

    private long create(String name) throws Exception {
        Answer created = post("/api/2.1/jobs/create", admin, String.format(DAG, name));
        assertEquals(created.body().toString(), 200, created.status());
        return created.body().path("job_id").asLong();
    }

    private static List<String> keys(JsonNode tasks) {
        List<String> keys = new ArrayList<>();
        tasks.forEach(t -> keys.add(t.path("task_key").asText()));
        return keys;
    }

    private static void assertError(Answer answer, int status, String code) {
        assertEquals(answer.body().toString(), status, answer.status());
        assertEquals(code, answer.errorCode());
    }
}
