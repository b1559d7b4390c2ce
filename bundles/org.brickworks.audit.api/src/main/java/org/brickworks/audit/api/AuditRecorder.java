package org.brickworks.audit.api;

import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an entry point records with: the current {@link AuditLog}, tracked from construction until {@link #close};
 * while there is none (its bundle being updated), an event goes to the platform's log instead, so none is lost and
 * the action it records never waits. Thread-safe.
 */
public final class AuditRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditRecorder.class);

    private final ServiceTracker<AuditLog, AuditLog> audit;

    public AuditRecorder(BundleContext context) {
        audit = new ServiceTracker<>(context, AuditLog.class, null);
        audit.open();
    }

    public void record(AuditEvent event) {
        AuditLog log = audit.getService();
        if (log == null) {
            LOG.warn("No audit log registered; audit event {}", event);
        } else {
            log.record(event);
        }
    }

    @Override
    public void close() {
        audit.close();
    }
}
