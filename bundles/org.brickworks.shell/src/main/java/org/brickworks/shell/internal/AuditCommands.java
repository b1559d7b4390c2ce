package org.brickworks.shell.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.brickworks.audit.api.AuditEvent;
import org.brickworks.audit.api.AuditLog;
import org.brickworks.audit.api.AuditQuery;
import org.brickworks.core.api.BrickworksException;
import org.osgi.service.component.annotations.Component;

/** The audit log: {@code bw:audit}. */
@Component
public class AuditCommands extends CommandGroup {
    private static final String ANY = "";

    @Descriptor("Show audit events, newest first: who did what, when, from where, and how it ended")
    public String audit(
            @Descriptor("only this user's") @Parameter(names = { "-u", "--user" }, absentValue = ANY) String user,
            @Descriptor("only this service's (clusters, jobs, shell, accounts, ...)") @Parameter(names = { "-s",
                    "--service" }, absentValue = ANY) String service,
            @Descriptor("only this action's") @Parameter(names = { "-a", "--action" }, absentValue = ANY) String action,
            @Descriptor("only since this ISO instant, e.g. 2026-01-31T00:00:00Z") @Parameter(names = {
                    "--since" }, absentValue = ANY) String since,
            @Descriptor("at most this many") @Parameter(names = { "-n", "--limit" }, absentValue = "50") int limit,
            @Descriptor("as JSON lines (Databricks' audit log schema)") @Parameter(names = {
                    "--json" }, presentValue = "true", absentValue = "false") boolean json) {
        AuditQuery query;
        try {
            query = new AuditQuery(blankless(user), blankless(service), blankless(action),
                    since.isEmpty() ? null : Instant.parse(since).toEpochMilli(), null, limit);
        } catch (DateTimeParseException e) {
            throw BrickworksException.invalidParameter("--since " + since + " is not an ISO instant");
        } catch (IllegalArgumentException e) {
            throw BrickworksException.invalidParameter(e.getMessage());
        }
        AuditLog log = service(AuditLog.class, "audit log");
        List<AuditEvent> events = log.find(query);
        if (json) {
            return events.stream().map(log::jsonLine).collect(Collectors.joining("\n"));
        }
        Table table = new Table("TIME", "USER", "SERVICE", "ACTION", "STATUS", "FROM", "PARAMETERS");
        events.forEach(e -> table.row(Instant.ofEpochMilli(e.timestamp()), e.userName(), e.serviceName(),
                e.actionName(), e.statusCode() + (e.errorMessage() == null ? "" : " " + e.errorMessage()),
                e.sourceIpAddress() == null ? e.userAgent() : e.sourceIpAddress(), e.requestParams()));
        return table.toString();
    }

    private static String blankless(String value) {
        return value.isEmpty() ? null : value;
    }
}
