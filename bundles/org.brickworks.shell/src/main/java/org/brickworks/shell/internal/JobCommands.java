package org.brickworks.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.jobs.api.JobService;
import org.brickworks.jobs.api.RunService;
import org.brickworks.jobs.api.dto.Job;
import org.brickworks.jobs.api.dto.JobPage;
import org.brickworks.jobs.api.dto.RunQuery;
import org.brickworks.permissions.api.ObjectRef;
import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Jobs and their runs: {@code bw:jobs}, {@code bw:job-create}, {@code bw:job-get}, {@code bw:job-delete},
 * {@code bw:job-run}, {@code bw:job-pause}, {@code bw:job-unpause}, {@code bw:runs}, {@code bw:run-get},
 * {@code bw:run-output}, {@code bw:run-cancel}, {@code bw:run-repair}, {@code bw:job-backfill}.
 */
@Component
public class JobCommands extends CommandGroup {
    private static final String JOBS = "jobs";
    private static final String CAN_VIEW = "CAN_VIEW";
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).enable(SerializationFeature.INDENT_OUTPUT);

    @Descriptor("List the jobs: id, name, number of tasks, creator")
    public String jobs(CommandSession session) {
        Table table = new Table("JOB_ID", "NAME", "TASKS", "CREATOR");
        int offset = 0;
        JobPage page;
        do {
            page = jobService().list(offset, 100, null, true);
            for (Job job : visible(session, null, page.jobs(), j -> job(j.jobId()), Job::creatorUserName, CAN_VIEW)) {
                Object tasks = job.settings().get("tasks");
                table.row(job.jobId(), job.settings().get("name"), tasks instanceof List<?> list ? list.size() : 1,
                        job.creatorUserName());
            }
            offset += page.jobs().size();
        } while (page.hasMore());
        return table.toString();
    }

    @Descriptor("Create a job from a JSON file of its settings (the body of the Jobs API's jobs/create)")
    public String jobCreate(CommandSession session, @Descriptor("JSON file on the platform's host") String file) {
        Map<String, Object> settings;
        try {
            settings = JSON.readValue(Files.readString(Path.of(file)), new TypeReference<Map<String, Object>>() {
            });
        } catch (NoSuchFileException e) {
            throw BrickworksException.invalidParameter("No file " + Path.of(file).toAbsolutePath());
        } catch (JsonProcessingException e) {
            throw BrickworksException.invalidParameter(file + " is not a JSON object of job settings: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw BrickworksException.invalidParameter("Cannot read " + file + ": " + e.getMessage());
        }
        long id = jobService().create(settings, user(session));
        return "Created job " + id + " (" + jobService().get(id).settings().get("name") + ")";
    }

    @Descriptor("Show a job and its settings as JSON")
    public String jobGet(CommandSession session, @Descriptor("job id") long jobId) throws JsonProcessingException {
        require(session, JOBS, Long.toString(jobId), CAN_VIEW);
        return JSON.writeValueAsString(jobService().get(jobId));
    }

    @Descriptor("Delete a job")
    public String jobDelete(@Descriptor("job id") long jobId) {
        jobService().delete(jobId);
        return "Deleted job " + jobId;
    }

    @Descriptor("Run a job now, with job parameters as name=value")
    public String jobRun(CommandSession session, @Descriptor("job id") long jobId,
            @Descriptor("job parameters: name=value ...") String... parameters) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String parameter : parameters) {
            int equals = parameter.indexOf('=');
            if (equals < 1) {
                throw BrickworksException.invalidParameter("Give job parameters as name=value, got " + parameter);
            }
            values.put(parameter.substring(0, equals), parameter.substring(equals + 1));
        }
        require(session, JOBS, Long.toString(jobId), "CAN_MANAGE_RUN");
        long runId = runService().runNow(jobId, values.isEmpty() ? Map.of() : Map.of("job_parameters", values),
                user(session));
        return "Run " + runId + " of job " + jobId + ": " + lifeCycle(runService().get(runId));
    }

    @Descriptor("Pause a job's schedule")
    public String jobPause(@Descriptor("job id") long jobId) {
        return pause(jobId, "PAUSED");
    }

    @Descriptor("Unpause a job's schedule: it fires from its next time on")
    public String jobUnpause(@Descriptor("job id") long jobId) {
        return pause(jobId, "UNPAUSED");
    }

    private String pause(long jobId, String status) {
        if (!(jobService().get(jobId).settings().get("schedule") instanceof Map<?, ?> schedule)) {
            throw BrickworksException.invalidParameter("Job " + jobId + " has no schedule");
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        schedule.forEach((k, v) -> changed.put(String.valueOf(k), v));
        changed.put("pause_status", status);
        jobService().update(jobId, Map.of("schedule", changed), List.of());
        return "Job " + jobId + "'s schedule is " + status;
    }

    @Descriptor("List the latest runs of every job")
    public String runs(CommandSession session) {
        return runTable(session, null);
    }

    @Descriptor("List the latest runs of a job")
    public String runs(CommandSession session, @Descriptor("job id") long jobId) {
        require(session, JOBS, Long.toString(jobId), CAN_VIEW);
        return runTable(session, jobId);
    }

    private String runTable(CommandSession session, Long jobId) {
        Table table = new Table("RUN_ID", "JOB_ID", "NAME", "TRIGGER", "STATE", "RESULT", "START", "DURATION_MS");
        List<Map<String, Object>> runs = runService()
                .list(new RunQuery(jobId, false, false, null, null, null, 0, 25, false)).runs();
        for (Map<String, Object> run : jobId != null ? runs : visibleRuns(session, runs)) {
            Map<?, ?> state = (Map<?, ?>) run.get("state");
            Object start = run.get("start_time");
            table.row(run.get("run_id"), run.getOrDefault("job_id", ""), run.get("run_name"), run.get("trigger"),
                    state.get("life_cycle_state"), state.get("result_state") == null ? "" : state.get("result_state"),
                    start instanceof Number time && time.longValue() > 0 ? Instant.ofEpochMilli(time.longValue()) : "",
                    run.get("run_duration"));
        }
        return table.toString();
    }

    @Descriptor("Show a run and its tasks as JSON")
    public String runGet(CommandSession session, @Descriptor("run id") long runId) throws JsonProcessingException {
        return JSON.writeValueAsString(viewable(session, runService().get(runId)));
    }

    /** The runs of jobs the session's user may view, and the one-time runs it submitted, as over REST. */
    private List<Map<String, Object>> visibleRuns(CommandSession session, List<Map<String, Object>> runs) {
        String user = user(session);
        List<Map<String, Object>> jobRuns = runs.stream().filter(r -> r.get("job_id") instanceof Number).toList();
        Set<Map<String, Object>> shown = new HashSet<>(visible(session, null, jobRuns,
                r -> job(((Number) r.get("job_id")).longValue()), r -> null, CAN_VIEW));
        return runs.stream().filter(r -> shown.contains(r)
                || !(r.get("job_id") instanceof Number) && user.equals(r.get("creator_user_name"))).toList();
    }

    /** {@code run}, once the session's user is found to may view it. */
    private Map<String, Object> viewable(CommandSession session, Map<String, Object> run) {
        if (visibleRuns(session, List.of(run)).isEmpty()) {
            throw new BrickworksException(ErrorCode.PERMISSION_DENIED,
                    user(session) + " does not have " + CAN_VIEW + " permission on run " + run.get("run_id"));
        }
        return run;
    }

    private static ObjectRef job(long jobId) {
        return new ObjectRef(JOBS, Long.toString(jobId));
    }

    @Descriptor("Show the output of a task run (or of a one-task run): the notebook's exit value, the error")
    public String runOutput(CommandSession session, @Descriptor("task run id") long runId)
            throws JsonProcessingException {
        Map<String, Object> output = new LinkedHashMap<>(runService().output(runId));
        if (output.remove("metadata") instanceof Map<?, ?> metadata) { // the task run: its job, its submitter
            Map<String, Object> run = new LinkedHashMap<>();
            metadata.forEach((k, v) -> run.put(String.valueOf(k), v));
            viewable(session, run);
        }
        return JSON.writeValueAsString(output);
    }

    @Descriptor("Cancel a run")
    public String runCancel(@Descriptor("run id") long runId) {
        runService().cancel(runId);
        return "Run " + runId + ": " + lifeCycle(runService().get(runId));
    }

    @Descriptor("Repair an ended run: run the named tasks again, or, without names, every task that did not succeed"
            + " (with the tasks after them)")
    public String runRepair(CommandSession session, @Descriptor("run id") long runId,
            @Descriptor("task keys to run again") String... taskKeys) {
        Map<String, Object> request = new LinkedHashMap<>();
        if (taskKeys.length == 0) {
            request.put("rerun_all_failed_tasks", true);
        } else {
            request.put("rerun_tasks", List.of(taskKeys));
        }
        request.put("rerun_dependent_tasks", true);
        if (runService().get(runId).get("repair_history") instanceof List<?> history && !history.isEmpty()
                && history.get(history.size() - 1) instanceof Map<?, ?> latest && latest.get("id") != null) {
            request.put("latest_repair_id", latest.get("id"));
        }
        long repairId = runService().repair(runId, request, user(session));
        return "Repair " + repairId + " of run " + runId + ": " + lifeCycle(runService().get(runId));
    }

    @Descriptor("Queue one run of a job per schedule time from one time to another (ISO instants, e.g."
            + " 2026-01-01T00:00:00Z)")
    public String jobBackfill(CommandSession session, @Descriptor("job id") long jobId,
            @Descriptor("first time") String from, @Descriptor("last time") String to) {
        List<Long> runs = runService().backfill(jobId, instant(from), instant(to), user(session));
        return "Queued " + runs.size() + " run(s) of job " + jobId + (runs.isEmpty() ? "" : ": " + runs);
    }

    private static long instant(String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw BrickworksException.invalidParameter(text + " is not an ISO instant such as 2026-01-01T00:00:00Z");
        }
    }

    private static String lifeCycle(Map<String, Object> run) {
        Map<?, ?> state = (Map<?, ?>) run.get("state");
        Object result = state.get("result_state");
        return state.get("life_cycle_state") + (result == null ? "" : " " + result);
    }

    private RunService runService() {
        return service(RunService.class, "jobs");
    }

    private JobService jobService() {
        return service(JobService.class, "jobs");
    }
}
