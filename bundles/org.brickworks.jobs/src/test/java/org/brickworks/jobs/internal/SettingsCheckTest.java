package org.brickworks.jobs.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.brickworks.core.api.BrickworksException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class SettingsCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SettingsCheck check = new SettingsCheck(id -> id.equals("c-1"), name -> null);

    @Test
    void acceptsADagOfTasksOnEveryKindOfCompute() {
        assertThatCode(() -> check(
                """
                        {'name': 'etl', 'max_concurrent_runs': 2,
                         'job_clusters': [{'job_cluster_key': 'shared', 'new_cluster': {'spark_version': '15.4.x-scala2.12'}}],
                         'schedule': {'quartz_cron_expression': '0 0 2 * * ?', 'timezone_id': 'Europe/Berlin'},
                         'tasks': [
                           {'task_key': 'ingest', 'existing_cluster_id': 'c-1', 'notebook_task': {'notebook_path': '/Shared/in'}},
                           {'task_key': 'check', 'depends_on': [{'task_key': 'ingest'}],
                            'condition_task': {'op': 'GREATER_THAN', 'left': '{{tasks.ingest.values.rows}}', 'right': '0'}},
                           {'task_key': 'load', 'depends_on': [{'task_key': 'check', 'outcome': 'true'}], 'run_if': 'ALL_DONE',
                            'job_cluster_key': 'shared', 'spark_jar_task': {'main_class_name': 'Load'}, 'max_retries': -1},
                           {'task_key': 'each', 'depends_on': [{'task_key': 'load'}],
                            'for_each_task': {'inputs': '[1,2]', 'task': {'task_key': 'one', 'new_cluster': {},
                              'sql_task': {'query': {'query_id': 'q'}}}}}
                         ]}"""))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsApi20SingleTaskSettings() {
        assertThatCode(() -> check("{'name': 'one', 'existing_cluster_id': 'c-1',"
                + " 'notebook_task': {'notebook_path': '/x'}, 'max_retries': 1}")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'tasks': [{'task_key': 'a', 'notebook_task': {'notebook_path': '/a'}}]}"
                    + "| tasks[0].notebook_task runs on a cluster: give one of existing_cluster_id, job_cluster_key, new_cluster",
            "{'tasks': [{'task_key': 'a', 'existing_cluster_id': 'c-1', 'new_cluster': {}, 'notebook_task': {'notebook_path': '/a'}}]}"
                    + "| tasks[0].task has two compute fields, existing_cluster_id and new_cluster: give one",
            "{'tasks': [{'task_key': 'a', 'existing_cluster_id': 'c-1'}]}"
                    + "| tasks[0].task needs a payload: one of [condition_task, for_each_task, notebook_task, python_wheel_task, run_job_task, spark_jar_task, spark_python_task, sql_task]",
            "{'tasks': [{'task_key': 'a', 'existing_cluster_id': 'c-1', 'notebook_task': {'notebook_path': '/a'}, 'spark_jar_task': {}}]}"
                    + "| tasks[0].task has two payloads, notebook_task and spark_jar_task: give one",
            "{'tasks': [{'task_key': 'a', 'existing_cluster_id': 'c-9', 'notebook_task': {'notebook_path': '/a'}}]}"
                    + "| tasks[0].existing_cluster_id c-9 is not a cluster of this platform",
            "{'tasks': [{'task_key': 'a', 'job_cluster_key': 'k', 'notebook_task': {'notebook_path': '/a'}}]}"
                    + "| tasks[0].job_cluster_key k is not defined in job_clusters",
            "{'tasks': [{'task_key': 'a', 'run_job_task': {'job_id': 1}}, {'task_key': 'a', 'run_job_task': {'job_id': 1}}]}"
                    + "| Duplicate task_key a in tasks[1]",
            "{'tasks': [{'task_key': 'a b', 'run_job_task': {'job_id': 1}}]}"
                    + "| tasks[0].task_key must be 1 to 100 letters, digits, _ or -, got a b",
            "{'tasks': [{'task_key': 'a', 'depends_on': [{'task_key': 'z'}], 'run_job_task': {'job_id': 1}}]}"
                    + "| Task a depends on z, which is not a task of this job (depends_on)",
            "{'tasks': [{'task_key': 'a', 'depends_on': [{'task_key': 'b'}], 'run_job_task': {'job_id': 1}},"
                    + " {'task_key': 'b', 'depends_on': [{'task_key': 'a'}], 'run_job_task': {'job_id': 1}},"
                    + " {'task_key': 'c', 'run_job_task': {'job_id': 1}}]}"
                    + "| The tasks' depends_on form a cycle through a, b",
            "{'tasks': [{'task_key': 'a', 'depends_on': [{'task_key': 'b'}], 'run_if': 'SOMETIMES', 'run_job_task': {'job_id': 1}},"
                    + " {'task_key': 'b', 'run_job_task': {'job_id': 1}}]}"
                    + "| tasks[0].run_if must be one of [ALL_DONE, ALL_FAILED, ALL_SUCCESS, AT_LEAST_ONE_FAILED, AT_LEAST_ONE_SUCCESS, NONE_FAILED], got SOMETIMES",
            "{'tasks': [{'task_key': 'a', 'run_if': 'ALWAYS', 'run_job_task': {'job_id': 1}}]}"
                    + "| tasks[0].run_if must be one of [ALL_DONE, ALL_FAILED, ALL_SUCCESS, AT_LEAST_ONE_FAILED, AT_LEAST_ONE_SUCCESS, NONE_FAILED], got ALWAYS",
            "{'tasks': [{'task_key': 'a', 'condition_task': {'op': 'LIKE', 'left': '1', 'right': '2'}}]}"
                    + "| tasks[0].condition_task.op must be one of [EQUAL_TO, GREATER_THAN, GREATER_THAN_OR_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, NOT_EQUAL], got LIKE",
            "{'tasks': [{'task_key': 'a', 'existing_cluster_id': 'c-1', 'notebook_task': {}}]}"
                    + "| tasks[0].notebook_task.notebook_path is required",
            "{'max_concurrent_runs': 1001}| max_concurrent_runs must be a whole number from 0 to 1000, got 1001",
            "{'schedule': {'quartz_cron_expression': '0 0 * * * ?', 'timezone_id': 'Mars/Olympus'}}"
                    + "| schedule.timezone_id Mars/Olympus is not a time zone (e.g. UTC, Europe/Berlin)",
            "{'schedule': {'quartz_cron_expression': '0 0 25 * * ?', 'timezone_id': 'UTC'}}"
                    + "| schedule.quartz_cron_expression 0 0 25 * * ? is not a Quartz cron expression"
                    + " (Hour values must be between 0 and 23), e.g. 0 30 2 * * ? for 02:30 every day",
            "{'name': 7}| name must be a string" })
    void refusesBadSettingsNamingTheField(String settings, String message) {
        assertThatThrownBy(() -> check(settings)).isInstanceOf(BrickworksException.class).hasMessage(message.strip());
    }

    @Test
    void refusesMoreThanAThousandTasks() {
        StringBuilder tasks = new StringBuilder("{'tasks': [");
        for (int i = 0; i <= SettingsCheck.MAX_TASKS; i++) {
            tasks.append(i == 0 ? "" : ",").append("{'task_key': 't").append(i)
                    .append("', 'run_job_task': {'job_id': 1}}");
        }
        assertThatThrownBy(() -> check(tasks + "]}")).hasMessage("A job has at most 1000 tasks, tasks has 1001");
    }

    private void check(String settings) throws Exception {
        check.check(tree(settings));
    }

    static JsonNode tree(String singleQuoted) throws Exception {
        return JSON.readTree(singleQuoted.replace('\'', '"'));
    }
}
