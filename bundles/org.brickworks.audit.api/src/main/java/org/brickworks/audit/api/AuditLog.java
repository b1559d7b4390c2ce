package org.brickworks.audit.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's audit log: kept in the store, and appended as JSON lines (Databricks' audit log schema) to
 * {@code data/audit/audit.jsonl}. Thread-safe.
 */
@ProviderType
public interface AuditLog {

    /** Keeps {@code event}; a failure to keep it is logged, never thrown at the action it records. */
    void record(AuditEvent event);

    List<AuditEvent> find(AuditQuery query);

    /** {@code event} as one JSON line of Databricks' audit log schema (without the line break). */
    String jsonLine(AuditEvent event);
}
