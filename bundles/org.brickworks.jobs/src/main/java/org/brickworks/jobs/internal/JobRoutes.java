package org.brickworks.jobs.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.jobs.api.JobService;
import org.brickworks.jobs.api.RunService;
import org.brickworks.jobs.api.dto.Job;
import org.brickworks.jobs.api.dto.JobPage;
import org.brickworks.jobs.api.dto.RunPage;
import org.brickworks.jobs.api.dto.RunQuery;
import org.brickworks.permissions.api.PermissionService;
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
    /** The largest offset of a list: far past any real list, and far enough from overflow to add a page to it. */
    private static final int MAX_OFFSET = 1_000_000_000;
    private static final int MAX_JOBS_PAGE = 100;
    private static final int MAX_RUNS_PAGE = 25;
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
    private final JobAccess access;

    /**
     * @param version22
     *            Jobs API 2.2: a job created without {@code queue} queues its runs, and {@code jobs/get} and
     *            {@code runs/get} answer at most {@link #PAGE} elements of each long array, the rest by
     *            {@code page_token}
     */
    JobRoutes(Supplier<JobService> jobs, Supplier<RunService> runs, Supplier<PermissionService> permissions,
            boolean version22) {
        this.jobs = jobs;
        this.runs = runs;
        this.version22 = version22;
        this.access = new JobAccess(permissions, runs);
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
                Route.get("jobs/runs/get-output", RunId.class, call -> {
                    access.requireRun(user(call), call.params().runId(), JobPermissions.CAN_VIEW);
                    return runs.get().output(call.params().runId());
                }),
                Route.post("jobs/runs/cancel", RunId.class, call -> {
                    access.requireRun(user(call), call.params().runId(), JobPermissions.CAN_MANAGE_RUN);
                    runs.get().cancel(call.params().runId());
                    return null;
                }),
                Route.post("jobs/runs/cancel-all", CancelAll.class, this::cancelAll),
                Route.post("jobs/runs/repair", json, this::repair),
                Route.get("jobs/runs/export", Export.class, call -> {
                    access.requireRun(user(call), call.params().runId(), JobPermissions.CAN_VIEW);
                    return runs.get().export(call.params().runId(), call.params().viewsToExport());
                }),
                Route.post("jobs/backfill", Backfill.class, call -> {
                    access.requireJob(user(call), call.params().jobId(), JobPermissions.CAN_MANAGE_RUN);
                    return new Backfilled(runs.get().backfill(call.params().jobId(), call.params().startTime(),
                            call.params().endTime(), user(call)));
                }),
                Route.post("jobs/runs/delete", RunId.class, call -> {
                    access.requireRun(user(call), call.params().runId(), JobPermissions.CAN_MANAGE_RUN);
                    runs.get().delete(call.params().runId());
                    return null;
                }));
    }

    private static String user(ApiCall<?> call) {
        return call.caller().userName();
    }

    private Object cancelAll(ApiCall<CancelAll> call) {
        Long jobId = call.params().jobId();
        if (jobId != null) {
            access.requireJob(user(call), jobId, JobPermissions.CAN_MANAGE_RUN);
        } else if (!access.isAdmin(user(call))) {
            throw new BrickworksException(ErrorCode.PERMISSION_DENIED,
                    "Only administrators may cancel the runs of every job; name a job_id");
        }
        runs.get().cancelAll(jobId, Boolean.TRUE.equals(call.params().allQueuedRuns()));
        return null;
    }

    private Created create(ApiCall<Map<String, Object>> call) {
        Map<String, Object> settings = call.params();
        if (version22 && !settings.containsKey("queue")) {
            settings = new LinkedHashMap<>(settings);
            settings.put("queue", Map.of("enabled", true));
        }
        access.checkRunAs(user(call), settings);
        return new Created(jobs.get().create(settings, call.caller().userName()));
    }

    private Object getJob(ApiCall<GetJob> call) {
        access.requireJob(user(call), call.params().jobId(), JobPermissions.CAN_VIEW);
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
        Map<String, Object> run = new LinkedHashMap<>(
                access.requireRun(user(call), call.params().runId(), JobPermissions.CAN_VIEW));
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
        long jobId = id(request, "job_id");
        access.requireJob(user(call), jobId, JobPermissions.CAN_MANAGE_RUN);
        long runId = runs.get().runNow(jobId, request, call.caller().userName());
        return new RunStarted(runId, runId);
    }

    private Repaired repair(ApiCall<Map<String, Object>> call) {
        Map<String, Object> request = new LinkedHashMap<>(call.params());
        long runId = id(request, "run_id");
        access.requireRun(user(call), runId, JobPermissions.CAN_MANAGE_RUN);
        return new Repaired(runs.get().repair(runId, request, call.caller().userName()));
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
        if (limit < 1 || limit > MAX_RUNS_PAGE) {
            throw BrickworksException.invalidParameter("limit must be from 1 to " + MAX_RUNS_PAGE + ", got " + limit);
        }
        int offset = offset(query.offset(), query.pageToken());
        RunQuery runQuery = new RunQuery(query.jobId(), Boolean.TRUE.equals(query.activeOnly()),
                Boolean.TRUE.equals(query.completedOnly()), query.runType(), query.startTimeFrom(),
                query.startTimeTo(), offset, limit, Boolean.TRUE.equals(query.expandTasks()));
        if (query.jobId() != null) {
            access.requireJob(user(call), query.jobId(), JobPermissions.CAN_VIEW);
        }
        RunPage page = query.jobId() != null || access.isAdmin(user(call)) ? runs.get().list(runQuery)
                : visibleRuns(user(call), runQuery);
        return new Runs(page.runs(), page.hasMore(), page.hasMore() ? token(offset + limit) : null,
                offset > 0 ? token(Math.max(0, offset - limit)) : null);
    }

    private Object update(ApiCall<Update> call) {
        Update update = call.params();
        access.requireJob(user(call), update.jobId(), JobPermissions.CAN_MANAGE);
        if (update.newSettings() != null) {
            access.checkRunAs(user(call), update.newSettings());
        }
        jobs.get().update(update.jobId(), update.newSettings(), update.fieldsToRemove());
        return null;
    }

    private Object reset(ApiCall<Reset> call) {
        access.requireJob(user(call), call.params().jobId(), JobPermissions.CAN_MANAGE);
        access.checkRunAs(user(call), call.params().newSettings());
        jobs.get().reset(call.params().jobId(), call.params().newSettings());
        return null;
    }

    private Object delete(ApiCall<JobId> call) {
        access.requireJob(user(call), call.params().jobId(), JobPermissions.CAN_MANAGE);
        jobs.get().delete(call.params().jobId());
        access.forget(call.params().jobId());
        return null;
    }

    private Jobs list(ApiCall<ListJobs> call) {
        ListJobs query = call.params();
        int limit = query.limit() == null ? 20 : query.limit();
        int offset = offset(query.offset(), query.pageToken());
        String name = query.name() == null || query.name().isEmpty() ? null : query.name();
        JobPage page = access.isAdmin(user(call))
                ? jobs.get().list(offset, limit, name, Boolean.TRUE.equals(query.expandTasks()))
                : visibleJobs(user(call), offset, limit, name, Boolean.TRUE.equals(query.expandTasks()));
        return new Jobs(page.jobs(), page.hasMore(), page.hasMore() ? token(offset + limit) : null,
                offset > 0 ? token(Math.max(0, offset - limit)) : null);
    }

    /** A page of the jobs {@code user} may view: every job is read and filtered, then the page is cut. */
    private JobPage visibleJobs(String user, int offset, int limit, String name, boolean expandTasks) {
        if (limit < 1 || limit > MAX_JOBS_PAGE) {
            throw BrickworksException.invalidParameter("limit must be from 1 to " + MAX_JOBS_PAGE + ", got " + limit);
        }
        List<Job> visible = access.visible(user, allJobs(name, expandTasks));
        return new JobPage(visible.subList(Math.min(offset, visible.size()), Math.min(offset + limit, visible.size())),
                visible.size() > offset + limit);
    }

    private List<Job> allJobs(String name, boolean expandTasks) {
        List<Job> all = new ArrayList<>();
        JobPage page;
        do {
            page = jobs.get().list(all.size(), MAX_JOBS_PAGE, name, expandTasks);
            all.addAll(page.jobs());
        } while (page.hasMore());
        return all;
    }

    /**
     * A page of the runs {@code user} may view (of jobs it may view, and its own one-time runs): pages are read
     * newest first and filtered until the page asked for is full.
     */
    private RunPage visibleRuns(String user, RunQuery query) {
        Set<Object> jobIds = new HashSet<>();
        access.visible(user, allJobs(null, false)).forEach(job -> jobIds.add(job.jobId()));
        List<Map<String, Object>> visible = new ArrayList<>();
        int read = 0;
        RunPage page;
        do {
            page = runs.get().list(new RunQuery(null, query.activeOnly(), query.completedOnly(), query.runType(),
                    query.startTimeFrom(), query.startTimeTo(), read, MAX_RUNS_PAGE, query.expandTasks()));
            read += page.runs().size();
            for (Map<String, Object> run : page.runs()) {
                boolean mine = run.get("job_id") instanceof Number jobId ? jobIds.contains(jobId.longValue())
                        : user.equals(run.get("creator_user_name"));
                if (mine) {
                    visible.add(run);
                }
            }
        } while (page.hasMore() && visible.size() <= query.offset() + query.limit());
        int from = Math.min(query.offset(), visible.size());
        int to = Math.min(query.offset() + query.limit(), visible.size());
        return new RunPage(visible.subList(from, to), visible.size() > to || page.hasMore() && to > from);
    }

    /**
     * The offset a list starts at: its page token's, else the {@code offset} parameter's, else 0.
     *
     * @throws BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} for a negative offset, or one so large that a page after it could
     *             not be counted
     */
    static int offset(Integer offset, String pageToken) {
        int from = pageToken != null && !pageToken.isEmpty() ? offsetOf(pageToken) : offset == null ? 0 : offset;
        if (from < 0 || from > MAX_OFFSET) {
            throw BrickworksException.invalidParameter("offset must be from 0 to " + MAX_OFFSET + ", got " + from);
        }
        return from;
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
