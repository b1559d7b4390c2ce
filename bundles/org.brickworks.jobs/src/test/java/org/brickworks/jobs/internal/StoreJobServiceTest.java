package org.brickworks.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.jobs.api.dto.Job;
import org.brickworks.jobs.api.dto.JobPage;
import org.brickworks.test.support.H2TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

class StoreJobServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TWO_TASKS = "{'name': 'etl', 'tasks': ["
            + "{'task_key': 'a', 'new_cluster': {'num_workers': 0}, 'notebook_task': {'notebook_path': '/a'}},"
            + "{'task_key': 'b', 'depends_on': [{'task_key': 'a'}], 'run_job_task': {'job_id': 1}}],"
            + " 'tags': {'team': 'data'}, 'description': null}";

    @TempDir
    Path folder;
    private H2TestStore store;
    private StoreJobService jobs;

    @BeforeEach
    void open() {
        store = new H2TestStore(folder);
        jobs = new StoreJobService(store, "c-1"::equals, name -> null,
                Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void keepsTheSettingsAsGivenWithDatabricksDefaults() throws Exception {
        long id = jobs.create(settings(TWO_TASKS), "ada");

        Job job = jobs.get(id);
        assertThat(job.creatorUserName()).isEqualTo("ada");
        assertThat(job.runAsUserName()).isEqualTo("ada");
        assertThat(job.createdTime()).isEqualTo(1_700_000_000_000L);
        assertThat(job.settings()).containsEntry("name", "etl").containsEntry("max_concurrent_runs", 1)
                .containsEntry("timeout_seconds", 0).containsEntry("format", "MULTI_TASK")
                .containsEntry("tags", Map.of("team", "data")).containsEntry("email_notifications", Map.of())
                .containsKey("description");
        assertThat(tasks(job)).extracting(t -> t.get("task_key")).containsExactly("a", "b");
    }

    @Test
    void listsPagesByIdWithTasksOnlyWhenAskedAndFiltersByNameIgnoringCase() throws Exception {
        for (int i = 0; i < 5; i++) {
            jobs.create(settings(i == 3 ? "{'name': 'Nightly'}" : TWO_TASKS), "ada");
        }

        JobPage first = jobs.list(0, 2, null, false);
        JobPage last = jobs.list(4, 2, null, true);

        assertThat(first.jobs()).hasSize(2).allSatisfy(j -> assertThat(j.settings()).doesNotContainKey("tasks"));
        assertThat(first.hasMore()).isTrue();
        assertThat(last.jobs()).hasSize(1).allSatisfy(j -> assertThat(j.settings()).containsKey("tasks"));
        assertThat(last.hasMore()).isFalse();
        assertThat(jobs.list(0, 100, "NIGHTLY", false).jobs()).extracting(Job::jobId).containsExactly(4L);
        assertThatThrownBy(() -> jobs.list(0, 101, null, false)).hasMessage("limit must be from 1 to 100, got 101");
    }

    @Test
    void updateReplacesTopLevelFieldsMergesTasksByKeyAndRemovesWhatItIsTold() throws Exception {
        long id = jobs.create(settings(TWO_TASKS), "ada");

        jobs.update(id, settings("{'name': 'etl2', 'tasks': [{'task_key': 'c', 'run_job_task': {'job_id': 2}},"
                + " {'task_key': 'a', 'existing_cluster_id': 'c-1', 'spark_python_task': {'python_file': 'x.py'}}]}"),
                List.of("tags", "tasks/b"));

        Job job = jobs.get(id);
        assertThat(job.settings()).containsEntry("name", "etl2").doesNotContainKey("tags");
        assertThat(tasks(job)).extracting(t -> t.get("task_key")).containsExactly("a", "c");
        assertThat(tasks(job).get(0)).containsKey("spark_python_task").doesNotContainKey("notebook_task");
    }

    @Test
    void aFailedCheckChangesNothing() throws Exception {
        long id = jobs.create(settings(TWO_TASKS), "ada");

        assertThatThrownBy(() -> jobs.update(id, null, List.of("tasks/a")))
                .hasMessage("Task b depends on a, which is not a task of this job (depends_on)");
        assertThatThrownBy(() -> jobs.update(id, null, List.of("tasks/zz")))
                .hasMessage("fields_to_remove: the job has no task_key zz");
        assertThatThrownBy(() -> jobs.reset(id, settings("{'max_concurrent_runs': -1}")))
                .hasMessage("max_concurrent_runs must be a whole number from 0 to 1000, got -1");

        assertThat(tasks(jobs.get(id))).hasSize(2);
        assertThat(jobs.get(id).settings()).containsEntry("name", "etl");
    }

    @Test
    void resetReplacesEverythingAndDeleteRemovesTheJob() throws Exception {
        long id = jobs.create(settings(TWO_TASKS), "ada");

        jobs.reset(id,
                settings("{'name': 'one', 'existing_cluster_id': 'c-1', 'notebook_task': {'notebook_path': '/x'}}"));
        assertThat(jobs.get(id).settings()).containsEntry("format", "SINGLE_TASK").doesNotContainKey("tasks");
        jobs.delete(id);

        for (Runnable call : List.<Runnable>of(() -> jobs.get(id), () -> jobs.delete(id),
                () -> jobs.update(id, Map.of(), List.of()), () -> jobs.reset(id, Map.of()))) {
            assertThatThrownBy(call::run).isInstanceOf(BrickworksException.class)
                    .hasMessage("Job " + id + " does not exist.")
                    .satisfies(e -> assertThat(((BrickworksException) e).errorCode())
                            .isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tasks(Job job) {
        return (List<Map<String, Object>>) job.settings().get("tasks");
    }

    private static Map<String, Object> settings(String singleQuoted) throws Exception {
        return JSON.readValue(singleQuoted.replace('\'', '"'), new TypeReference<Map<String, Object>>() {
        });
    }
}
