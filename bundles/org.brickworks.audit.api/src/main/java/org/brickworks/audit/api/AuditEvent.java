package org.brickworks.audit.api;

import java.util.Map;

/**
 * One audited action, as Databricks' audit log records one.
 *
 * @param timestamp
 *            when it ended, epoch milliseconds
 * @param serviceName
 *            the area: {@code clusters}, {@code jobs}, {@code workspace}, {@code accounts} (sign-ins), {@code shell}
 * @param actionName
 *            what was done: {@code create}, {@code runs/submit}, {@code tokenLogin}, the shell's command name
 * @param userName
 *            who did it; for a failed sign-in, who it claimed to be or null
 * @param requestParams
 *            the request's parameters, values of secrets {@code [REDACTED]}, long values cut
 * @param statusCode
 *            the answer: an HTTP status (a shell command: 200 when it succeeded, 500 when it failed)
 * @param errorMessage
 *            why it failed; null when it succeeded
 * @param sourceIpAddress
 *            where the call came from; null for the local console
 * @param userAgent
 *            the client, or the channel ({@code console}, {@code ssh})
 * @param requestId
 *            unique per event
 */
public record AuditEvent(long timestamp, String serviceName, String actionName, String userName,
        Map<String, String> requestParams, int statusCode, String errorMessage, String sourceIpAddress,
        String userAgent, String requestId) {
    public AuditEvent {
        requestParams = requestParams == null ? Map.of() : Map.copyOf(requestParams);
    }
}
