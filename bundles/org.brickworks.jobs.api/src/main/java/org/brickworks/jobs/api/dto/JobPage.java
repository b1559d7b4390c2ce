package org.brickworks.jobs.api.dto;

import java.util.List;

/** One page of {@link org.brickworks.jobs.api.JobService#list}: jobs by id, and whether more follow. */
public record JobPage(List<Job> jobs, boolean hasMore) {
    public JobPage {
        jobs = List.copyOf(jobs);
    }
}
