package org.brickworks.jobs.internal;

import java.util.List;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.jobs.api.JobService;
import org.brickworks.permissions.api.BasicSecurableType;
import org.brickworks.permissions.api.Securable;
import org.brickworks.permissions.api.SecurableType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Jobs carry permissions: {@code CAN_VIEW} < {@code CAN_MANAGE_RUN} < {@code CAN_MANAGE} < {@code IS_OWNER}; the
 * creator owns a job until an administrator gives it another owner.
 */
@Component(service = SecurableType.class, property = SecurableType.PROPERTY + "=jobs")
public class JobPermissions extends BasicSecurableType {
    static final String CAN_VIEW = "CAN_VIEW";
    static final String CAN_MANAGE_RUN = "CAN_MANAGE_RUN";
    static final String CAN_MANAGE = "CAN_MANAGE";

    private final JobService jobs;

    @Activate
    public JobPermissions(@Reference JobService jobs) {
        super("jobs", "job", List.of(new Level(CAN_VIEW, "Can view the job, its runs and outputs"),
                new Level(CAN_MANAGE_RUN, "Can run, cancel and repair the job's runs"),
                new Level(CAN_MANAGE, "Can edit and delete the job and set its permissions"),
                new Level("IS_OWNER", "Owns the job")), "IS_OWNER");
        this.jobs = jobs;
    }

    @Override
    public Securable resolve(String id) {
        long jobId;
        try {
            jobId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw BrickworksException.notFound("Job " + id + " does not exist");
        }
        return new Securable(jobs.get(jobId).creatorUserName());
    }
}
