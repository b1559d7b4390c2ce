/**
 * The audit log: every mutating call (REST, shell, SSH, web) and every sign-in, success or failure, as
 * {@link org.brickworks.audit.api.AuditEvent}s in the shape of Databricks' audit log records. The entry points record,
 * {@link org.brickworks.audit.api.AuditLog} keeps and finds them.
 */
@Export
@Version("0.1.0")
package org.brickworks.audit.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
