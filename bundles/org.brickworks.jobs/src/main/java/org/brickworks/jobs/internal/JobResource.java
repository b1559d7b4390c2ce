package org.brickworks.jobs.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.jobs.api.JobService;
import org.brickworks.jobs.api.dto.Job;
import org.brickworks.jobs.api.dto.JobPage;
import org.brickworks.rest.api.ApiCall;
import org.brickworks.rest.api.ApiParams;
import org.brickworks.rest.api.ApiServlet;
import org.brickworks.rest.api.RestContext;
import org.brickworks.rest.api.Route;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.servlet.Servlet;

/**
 * Jobs API (Databricks' 2.0, 2.1 and 2.2 share these endpoints): {@code jobs/create}, {@code get}, {@code list},
 * {@code update}, {@code reset}, {@code delete}. Registered by the jobs bundle itself in the Brickworks context, as a
 * plugin registers its routes: updating this bundle touches no other area's routes.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(RestContext.SELECT)
@HttpWhiteboardServletPattern({ "/api/2.0/jobs/*", "/api/2.1/jobs/*", "/api/2.2/jobs/*" })
public class JobResource extends ApiServlet {
    private static final long serialVersionUID = 1L;
    private static final String TOKEN_PREFIX = "offset:";

    record JobId(Long jobId) {
        JobId {
            ApiParams.required(jobId, "job_id");
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

    @Reference
    private volatile JobService jobs;

    @Override
    @SuppressWarnings("unchecked")
    protected List<Route<?>> routes() {
        Class<Map<String, Object>> settings = (Class<Map<String, Object>>) (Class<?>) Map.class;
        return List.of(
                Route.post("jobs/create", settings,
                        call -> new Created(jobs.create(call.params(), call.caller().userName()))),
                Route.get("jobs/get", JobId.class, call -> jobs.get(call.params().jobId())),
                Route.get("jobs/list", ListJobs.class, this::list),
                Route.post("jobs/update", Update.class, this::update),
                Route.post("jobs/reset", Reset.class, this::reset),
                Route.post("jobs/delete", JobId.class, this::delete));
    }

    private Object update(ApiCall<Update> call) {
        Update update = call.params();
        jobs.update(update.jobId(), update.newSettings(), update.fieldsToRemove());
        return null;
    }

    private Object reset(ApiCall<Reset> call) {
        jobs.reset(call.params().jobId(), call.params().newSettings());
        return null;
    }

    private Object delete(ApiCall<JobId> call) {
        jobs.delete(call.params().jobId());
        return null;
    }

    private Jobs list(ApiCall<ListJobs> call) {
        ListJobs query = call.params();
        int limit = query.limit() == null ? 20 : query.limit();
        int offset = query.pageToken() != null && !query.pageToken().isEmpty() ? offsetOf(query.pageToken())
                : query.offset() == null ? 0 : query.offset();
        String name = query.name() == null || query.name().isEmpty() ? null : query.name();
        JobPage page = jobs.list(offset, limit, name, Boolean.TRUE.equals(query.expandTasks()));
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
        throw BrickworksException.invalidParameter("page_token " + token + " is not a page token of jobs/list");
    }
}
