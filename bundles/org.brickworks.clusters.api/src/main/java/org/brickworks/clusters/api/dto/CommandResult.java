package org.brickworks.clusters.api.dto;

import java.util.Map;

/**
 * A command's status in the Command Execution API 1.2.
 *
 * @param id
 *            the command id
 * @param status
 *            {@code Queued}, {@code Running}, {@code Finished}, {@code Cancelled} or {@code Error}
 * @param results
 *            null until the command completes, then as the API 1.2 defines them: {@code resultType} {@code table}
 *            ({@code schema} of {@code name}/{@code type}/{@code metadata}, {@code data} rows, {@code truncated}),
 *            {@code text} ({@code data}; {@code notebookExit: true} for {@code dbutils.notebook.exit}) or
 *            {@code error} ({@code summary}, {@code cause}); JSON values as maps, lists, strings, numbers, booleans
 */
public record CommandResult(String id, String status, Map<String, Object> results) {

    /** Whether the command has completed: its status no longer changes. */
    public boolean done() {
        return "Finished".equals(status) || "Cancelled".equals(status) || "Error".equals(status);
    }
}
