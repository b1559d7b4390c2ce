package org.brickworks.jobs.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.jobs.api.JobService;
import org.brickworks.jobs.api.RunService;
import org.brickworks.jobs.api.dto.Job;
import org.brickworks.jobs.api.dto.JobPage;
import org.brickworks.jobs.api.dto.RunPage;
import org.brickworks.jobs.api.dto.RunQuery;
import org.brickworks.rest.api.ApiCall;
import org.brickworks.rest.api.ApiParams;
import org.brickworks.rest.api.Route;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The Jobs API's routes, which Databricks' 2.0, 2.1 and 2.2 share: {@code jobs/create}, {@code get}, {@code list},
 * {@code update}, {@code reset}, {@code delete}, {@code run-now}, and {@code jobs/runs/submit}, {@code get},
 * {@code list}, {@code get-output}, {@code cancel}, {@code cancel-all}, {@code repair}, {@code export},
 * {@code delete}, and Brickworks' own {@code jobs/backfill}. Served by {@link JobResource}
 * (2.0, 2.1) and {@link JobResource22}, which differ in one default: a job created through 2.2 queues its runs.
 */
final class JobRoutes {
    private static final String TOKEN_PREFIX = "offset:";
    /** The most elements of each array a 2.2 {@code get} answers at once. */
    static final int PAGE = 100;
    private static final List<String> JOB_ARRAYS = List.of("tasks", "job_clusters", "parameters");
    private static final List<String> RUN_ARRAYS = List.of("tasks", "job_clusters", "job_parameters",
            "repair_history", "iterations");

    record JobId(Long jobId) {
        JobId {
            ApiParams.required(jobId, "job_id");
        }
    }

    record GetJob(Long jobId, String pageToken) {
        GetJob {
            ApiParams.required(jobId, "job_id");
        }
    }

    record GetRun(Long runId, String pageToken) {
        GetRun {
            ApiParams.required(runId, "run_id");
        }
    }

    record Created(long jobId) {
    }

    record ListJobs(Integer limit, Integer offset, String name, Boolean expandTasks, String pageToken) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Jobs(List<Job> jobs, boolean hasMore, String nextPageToken, String prevPageToken) {
    }

    record Update(Long jobId, Map<String, Object> newSettings, List<String> fieldsToRemove) {
        Update {
            ApiParams.required(jobId, "job_id");
        }
    }

    record Reset(Long jobId, Map<String, Object> newSettings) {
        Reset {
            ApiParams.required(jobId, "job_id");
            ApiParams.required(newSettings, "new_settings");
        }
    }

    record RunId(Long runId) {
        RunId {
            ApiParams.required(runId, "run_id");
        }
    }

    record RunStarted(long runId, long numberInJob) {
    }

    record Submitted(long runId) {
    }

    record Repaired(long repairId) {
    }

    record ListRuns(Long jobId, Boolean activeOnly, Boolean completedOnly, Integer offset, Integer limit,
            String runType, Boolean expandTasks, Long startTimeFrom, Long startTimeTo, String pageToken) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Runs(List<Map<String, Object>> runs, boolean hasMore, String nextPageToken, String prevPageToken) {
    }

    record CancelAll(Long jobId, Boolean allQueuedRuns) {
    }

    record Export(Long runId, String viewsToExport) {
        Export {
            ApiParams.required(runId, "run_id");
        }
    }

    record Backfill(Long jobId, Long startTime, Long endTime) {
        Backfill {
            ApiParams.required(jobId, "job_id");
            ApiParams.required(startTime, "start_time");
            ApiParams.required(endTime, "end_time");
        }
    }

    record Backfilled(List<Long> runIds) {
    }

    private final Supplier<JobService> jobs;
    private final Supplier<RunService> runs;
    private final boolean version22;

    /**
     * @param version22
     *            Jobs API 2.2: a job created without {@code queue} queues its runs, and {@code jobs/get} and
     *            {@code runs/get} answer at most {@link #PAGE} elements of each long array, the rest by
     *            {@code page_token}
     */
    JobRoutes(Supplier<JobService> jobs, Supplier<RunService> runs, boolean version22) {
        this.jobs = jobs;
        this.runs = runs;
        this.version22 = version22;
    }

    @SuppressWarnings("unchecked")
    List<Route<?>> routes() {
        Class<Map<String, Object>> json = (Class<Map<String, Object>>) (Class<?>) Map.class;
        return List.of(
                Route.post("jobs/create", json, this::create),
                Route.get("jobs/get", GetJob.class, this::getJob),
                Route.get("jobs/list", ListJobs.class, this::list),
                Route.post("jobs/update", Update.class, this::update),
                Route.post("jobs/reset", Reset.class, this::reset),
                Route.post("jobs/delete", JobId.class, this::delete),
                Route.post("jobs/run-now", json, this::runNow),
                Route.post("jobs/runs/submit", json,
                        call -> new Submitted(runs.get().submit(call.params(), call.caller().userName()))),
                Route.get("jobs/runs/get", GetRun.class, this::getRun),
                Route.get("jobs/runs/list", ListRuns.class, this::listRuns),
                Route.get("jobs/runs/get-output", RunId.class, call -> runs.get().output(call.params().runId())),
                Route.post("jobs/runs/cancel", RunId.class, call -> {
                    runs.get().cancel(call.params().runId());
                    return null;
                }),
                Route.post("jobs/runs/cancel-all", CancelAll.class, call -> {
                    runs.get().cancelAll(call.params().jobId(), Boolean.TRUE.equals(call.params().allQueuedRuns()));
                    return null;
                }),
                Route.post("jobs/runs/repair", json, this::repair),
                Route.get("jobs/runs/export", Export.class,
                        call -> runs.get().export(call.params().runId(), call.params().viewsToExport())),
                Route.post("jobs/backfill", Backfill.class, call -> new Backfilled(runs.get().backfill(
                        call.params().jobId(), call.params().startTime(), call.params().endTime(),
                        call.caller().userName()))),
                Route.post("jobs/runs/delete", RunId.class, call -> {
                    runs.get().delete(call.params().runId());
                    return null;
                }));
    }

    private Created create(ApiCall<Map<String, Object>> call) {
        Map<String, Object> settings = call.params();
        if (version22 && !settings.containsKey("queue")) {
            settings = new LinkedHashMap<>(settings);
            settings.put("queue", Map.of("enabled", true));
        }
        return new Created(jobs.get().create(settings, call.caller().userName()));
    }

    private Object getJob(ApiCall<GetJob> call) {
        Job job = jobs.get().get(call.params().jobId());
        if (!version22) {
            return job;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("job_id", job.jobId());
        answer.put("creator_user_name", job.creatorUserName());
        answer.put("run_as_user_name", job.runAsUserName());
        answer.put("created_time", job.createdTime());
        Map<String, Object> settings = new LinkedHashMap<>(job.settings());
        String next = page(settings, JOB_ARRAYS, call.params().pageToken());
        answer.put("settings", settings);
        if (next != null) {
            answer.put("next_page_token", next);
        }
        return answer;
    }

    private Map<String, Object> getRun(ApiCall<GetRun> call) {
        Map<String, Object> run = new LinkedHashMap<>(runs.get().get(call.params().runId()));
        if (version22) {
            String next = page(run, RUN_ARRAYS, call.params().pageToken());
            if (next != null) {
                run.put("next_page_token", next);
            }
            if (run.get("tasks") instanceof List<?> tasks) {
                List<Object> pagedTasks = new ArrayList<>();
                for (Object task : tasks) {
                    if (task instanceof Map<?, ?> map && map.get("iterations") instanceof List<?>) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
                        page(copy, List.of("iterations"), call.params().pageToken());
                        pagedTasks.add(copy);
                    } else {
                        pagedTasks.add(task);
                    }
                }
                run.put("tasks", pagedTasks);
            }
        }
        return run;
    }

    /**
     * Cuts each of {@code arrays} in {@code object} to the page {@code pageToken} names (the first without one);
     * the next page's token, or null on the last page.
     */
    static String page(Map<String, Object> object, List<String> arrays, String pageToken) {
        int offset = pageToken == null || pageToken.isEmpty() ? 0 : offsetOf(pageToken);
        boolean more = false;
        for (String array : arrays) {
            if (object.get(array) instanceof List<?> list) {
                object.put(array, list.subList(Math.min(offset, list.size()), Math.min(offset + PAGE, list.size())));
                more |= list.size() > offset + PAGE;
            }
        }
        return more ? token(offset + PAGE) : null;
    }

    private RunStarted runNow(ApiCall<Map<String, Object>> call) {
        Map<String, Object> request = new LinkedHashMap<>(call.params());
        long runId = runs.get().runNow(id(request, "job_id"), request, call.caller().userName());
        return new RunStarted(runId, runId);
    }

    private Repaired repair(ApiCall<Map<String, Object>> call) {
        Map<String, Object> request = new LinkedHashMap<>(call.params());
        return new Repaired(runs.get().repair(id(request, "run_id"), request, call.caller().userName()));
    }

    /** Removes and returns the whole number {@code field} of a request. */
    private static long id(Map<String, Object> request, String field) {
        Object id = request.remove(field);
        if (!(id instanceof Number number) || number.longValue() != number.doubleValue()) {
            throw BrickworksException.invalidParameter(id == null ? field + " is required"
                    : field + " must be a whole number, got " + id);
        }
        return number.longValue();
    }

    private Runs listRuns(ApiCall<ListRuns> call) {
        ListRuns query = call.params();
        int limit = query.limit() == null || query.limit() == 0 ? 20 : query.limit();
        int offset = query.pageToken() != null && !query.pageToken().isEmpty() ? offsetOf(query.pageToken())
                : query.offset() == null ? 0 : query.offset();
        RunPage page = runs.get().list(new RunQuery(query.jobId(), Boolean.TRUE.equals(query.activeOnly()),
                Boolean.TRUE.equals(query.completedOnly()), query.runType(), query.startTimeFrom(),
                query.startTimeTo(), offset, limit, Boolean.TRUE.equals(query.expandTasks())));
        return new Runs(page.runs(), page.hasMore(), page.hasMore() ? token(offset + limit) : null,
                offset > 0 ? token(Math.max(0, offset - limit)) : null);
    }

    private Object update(ApiCall<Update> call) {
        Update update = call.params();
        jobs.get().update(update.jobId(), update.newSettings(), update.fieldsToRemove());
        return null;
    }

    private Object reset(ApiCall<Reset> call) {
        jobs.get().reset(call.params().jobId(), call.params().newSettings());
        return null;
    }

    private Object delete(ApiCall<JobId> call) {
        jobs.get().delete(call.params().jobId());
        return null;
    }

    private Jobs list(ApiCall<ListJobs> call) {
        ListJobs query = call.params();
        int limit = query.limit() == null ? 20 : query.limit();
        int offset = query.pageToken() != null && !query.pageToken().isEmpty() ? offsetOf(query.pageToken())
                : query.offset() == null ? 0 : query.offset();
        String name = query.name() == null || query.name().isEmpty() ? null : query.name();
        JobPage page = jobs.get().list(offset, limit, name, Boolean.TRUE.equals(query.expandTasks()));
        return new Jobs(page.jobs(), page.hasMore(), page.hasMore() ? token(offset + limit) : null,
                offset > 0 ? token(Math.max(0, offset - limit)) : null);
    }

    static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((TOKEN_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    static int offsetOf(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(TOKEN_PREFIX)) {
                int offset = Integer.parseInt(text.substring(TOKEN_PREFIX.length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // below: not a token of ours
        }
        throw BrickworksException.invalidParameter("page_token " + token + " is not a page token of this list");
    }
}
