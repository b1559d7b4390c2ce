package org.brickworks.audit.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.brickworks.audit.api.AuditEvent;
import org.brickworks.audit.api.AuditLog;
import org.brickworks.audit.api.AuditQuery;
import org.brickworks.core.api.PlatformInfo;
import org.brickworks.store.api.Store;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The audit log in the store, each event also appended to {@code data/audit/audit.jsonl} (owner-only) as one JSON
 * line of Databricks' audit log schema: {@code version}, {@code timestamp}, {@code serviceName}, {@code actionName},
 * {@code userIdentity.email}, {@code requestParams}, {@code response.statusCode/errorMessage},
 * {@code sourceIPAddress}, {@code userAgent}, {@code requestId}, {@code auditLevel}.
 */
@Component(service = AuditLog.class)
public class StoreAuditLog implements AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(StoreAuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FILE = "audit.jsonl";

    private final Store store;
    private final Path file;
    private Writer lines;

    @Activate
    public StoreAuditLog(@Reference(target = Store.SHARED) Store store, BundleContext context) {
        this(store, PlatformInfo.dataDirectoryOf(context).resolve("audit"));
    }

    StoreAuditLog(Store store, Path folder) {
        this.store = store;
        this.file = folder.resolve(FILE);
        store.migrate(AuditSchema.AREA, AuditSchema.MIGRATIONS);
        try {
            Files.createDirectories(folder);
            if (!Files.exists(file)) {
                Files.createFile(file,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            lines = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("The audit log's JSON lines cannot be written to {}: {}", file, e.toString());
        }
    }

    @Deactivate
    synchronized void close() {
        if (lines != null) {
            try {
                lines.close();
            } catch (IOException e) {
                LOG.debug("Closing {}: {}", file, e.toString());
            }
            lines = null;
        }
    }

    @Override
    public void record(AuditEvent event) {
        String line = jsonLine(event);
        try {
            store.transaction(c -> {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_events (ts, service_name,"
                        + " action_name, user_name, doc) VALUES (?, ?, ?, ?, ?)")) {
                    insert.setLong(1, event.timestamp());
                    insert.setString(2, cut(event.serviceName(), 64));
                    insert.setString(3, cut(event.actionName(), 255));
                    insert.setString(4, event.userName() == null ? null : cut(event.userName(), 255));
                    insert.setString(5, line);
                    insert.executeUpdate();
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("Audit event not stored ({}): {}", e.toString(), line);
        }
        synchronized (this) {
            if (lines != null) {
                try {
                    lines.write(line);
                    lines.write('\n');
                    lines.flush();
                } catch (IOException e) {
                    LOG.warn("Audit event not appended to {} ({}): {}", file, e.toString(), line);
                }
            }
        }
    }

    @Override
    public List<AuditEvent> find(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT doc FROM audit_events WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        where(sql, values, "user_name = ?", query.userName());
        where(sql, values, "service_name = ?", query.serviceName());
        where(sql, values, "action_name = ?", query.actionName());
        where(sql, values, "ts >= ?", query.since());
        where(sql, values, "ts < ?", query.until());
        sql.append(" ORDER BY ts DESC, id DESC LIMIT ").append(query.limit());
        return store.transaction(c -> {
            List<AuditEvent> events = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    select.setObject(i + 1, values.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        events.add(event(rows.getString(1)));
                    }
                }
            }
            return events;
        });
    }

    @Override
    public String jsonLine(AuditEvent event) {
        ObjectNode line = JSON.createObjectNode().put("version", "2.0").put("timestamp", event.timestamp())
                .put("serviceName", event.serviceName()).put("actionName", event.actionName());
        line.putObject("userIdentity").put("email", event.userName());
        line.set("requestParams", JSON.valueToTree(event.requestParams()));
        line.putObject("response").put("statusCode", event.statusCode()).put("errorMessage", event.errorMessage());
        line.put("sourceIPAddress", event.sourceIpAddress()).put("userAgent", event.userAgent())
                .put("requestId", event.requestId()).put("auditLevel", "WORKSPACE_LEVEL");
        return line.toString();
    }

    private static AuditEvent event(String line) {
        try {
            JsonNode doc = JSON.readTree(line);
            Map<String, String> params = new LinkedHashMap<>();
            doc.path("requestParams").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            return new AuditEvent(doc.path("timestamp").asLong(), doc.path("serviceName").asText(),
                    doc.path("actionName").asText(), text(doc.path("userIdentity").path("email")), params,
                    doc.path("response").path("statusCode").asInt(), text(doc.path("response").path("errorMessage")),
                    text(doc.path("sourceIPAddress")), text(doc.path("userAgent")), text(doc.path("requestId")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored audit event is not JSON: " + line, e);
        }
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static void where(StringBuilder sql, List<Object> values, String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            values.add(value);
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
