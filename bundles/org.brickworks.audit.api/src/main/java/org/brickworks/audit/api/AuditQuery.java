package org.brickworks.audit.api;

/**
 * Which events {@link AuditLog#find} answers: those matching every non-null field, newest first, at most
 * {@code limit}.
 *
 * @param since
 *            epoch milliseconds, inclusive
 * @param until
 *            epoch milliseconds, exclusive
 */
public record AuditQuery(String userName, String serviceName, String actionName, Long since, Long until, int limit) {
    /** The most events one query answers. */
    public static final int MAX_LIMIT = 10_000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }
}
