package org.brickworks.jobs.api.dto;

import java.util.List;
import java.util.Map;

/** One page of {@link org.brickworks.jobs.api.RunService#list}: runs in the JSON shape of a {@code Run}. */
public record RunPage(List<Map<String, Object>> runs, boolean hasMore) {
    public RunPage {
        runs = List.copyOf(runs);
    }
}
