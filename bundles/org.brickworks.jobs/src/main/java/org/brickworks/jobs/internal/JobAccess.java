package org.brickworks.jobs.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.jobs.api.RunService;
import org.brickworks.jobs.api.dto.Job;
import org.brickworks.permissions.api.ObjectRef;
import org.brickworks.permissions.api.PermissionService;

/**
 * Who may do what with jobs and runs, asked of the permissions service: a job's level for its runs, the submitter
 * for a one-time run (which has no job), administrators for everything; and whom a job may run as.
 */
final class JobAccess {
    private final Supplier<PermissionService> permissions;
    private final Supplier<RunService> runs;

    JobAccess(Supplier<PermissionService> permissions, Supplier<RunService> runs) {
        this.permissions = permissions;
        this.runs = runs;
    }

    static ObjectRef job(long jobId) {
        return new ObjectRef("jobs", Long.toString(jobId));
    }

    void requireJob(String user, long jobId, String level) {
        permissions.get().require(user, job(jobId), level);
    }

    /** The run, once {@code user} is found to hold {@code level} on its job, or to have submitted the one-time run. */
    Map<String, Object> requireRun(String user, long runId, String level) {
        Map<String, Object> run = runs.get().get(runId);
        if (run.get("job_id") instanceof Number jobId) {
            requireJob(user, jobId.longValue(), level);
        } else if (!user.equals(run.get("creator_user_name")) && !permissions.get().isAdmin(user)) {
            throw new BrickworksException(ErrorCode.PERMISSION_DENIED,
                    user + " does not have " + level + " permission on run " + runId);
        }
        return run;
    }

    /** The jobs {@code user} may view, in their order. */
    List<Job> visible(String user, List<Job> jobs) {
        return permissions.get().visible(user, null, jobs, j -> job(j.jobId()), Job::creatorUserName,
                JobPermissions.CAN_VIEW);
    }

    void forget(long jobId) {
        permissions.get().forget(job(jobId));
    }

    boolean isAdmin(String user) {
        return permissions.get().isAdmin(user);
    }

    /**
     * Passes when {@code user} may make a job run as its settings' {@code run_as} says: as itself, or, for
     * administrators, as any user or service principal.
     */
    void checkRunAs(String user, Map<String, Object> settings) {
        String runAs = JobIdentity.runAs(settings);
        if (runAs != null && !runAs.equals(user) && !permissions.get().isAdmin(user)) {
            throw new BrickworksException(ErrorCode.PERMISSION_DENIED,
                    "Only administrators may make a job run as another user or service principal (" + runAs + ")");
        }
    }
}
