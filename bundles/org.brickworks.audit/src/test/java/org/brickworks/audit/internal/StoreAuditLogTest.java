package org.brickworks.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.brickworks.audit.api.AuditEvent;
import org.brickworks.audit.api.AuditQuery;
import org.brickworks.test.support.H2TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class StoreAuditLogTest {
    @TempDir
    Path data;

    private H2TestStore store;
    private StoreAuditLog log;

    @BeforeEach
    void open() {
        store = new H2TestStore(data);
        log = new StoreAuditLog(store, data.resolve("audit"));
    }

    @AfterEach
    void close() {
        log.close();
        store.close();
    }

    @Test
    void eventsAreFoundByUserServiceActionAndTimeNewestFirst() {
        log.record(event(1_000, "clusters", "create", "alice", 200));
        log.record(event(2_000, "jobs", "run-now", "alice", 403));
        log.record(event(3_000, "clusters", "delete", "bob", 200));

        assertThat(log.find(new AuditQuery(null, null, null, null, null, 10))).extracting(AuditEvent::timestamp)
                .containsExactly(3_000L, 2_000L, 1_000L);
        assertThat(log.find(new AuditQuery("alice", null, null, null, null, 10))).extracting(AuditEvent::actionName)
                .containsExactly("run-now", "create");
        assertThat(log.find(new AuditQuery(null, "clusters", null, 1_500L, null, 10)))
                .extracting(AuditEvent::userName).containsExactly("bob");
        assertThat(log.find(new AuditQuery(null, null, "run-now", null, null, 1))).singleElement()
                .isEqualTo(event(2_000, "jobs", "run-now", "alice", 403));
        assertThat(log.find(new AuditQuery(null, null, null, null, 1_000L, 10))).isEmpty();
    }

    @Test
    void eachEventIsAlsoAJsonLineOfDatabricksAuditSchemaInAnOwnerOnlyFile() throws Exception {
        log.record(event(1_000, "clusters", "create", "alice", 400));

        Path file = data.resolve("audit").resolve(StoreAuditLog.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertThat(line.path("serviceName").asText()).isEqualTo("clusters");
        assertThat(line.path("actionName").asText()).isEqualTo("create");
        assertThat(line.path("userIdentity").path("email").asText()).isEqualTo("alice");
        assertThat(line.path("requestParams").path("cluster_name").asText()).isEqualTo("etl");
        assertThat(line.path("response").path("statusCode").asInt()).isEqualTo(400);
        assertThat(line.path("response").path("errorMessage").asText()).isEqualTo("bad");
        assertThat(line.path("sourceIPAddress").asText()).isEqualTo("10.0.0.1");
        assertThat(line.path("version").asText()).isEqualTo("2.0");
    }

    private static AuditEvent event(long time, String service, String action, String user, int status) {
        return new AuditEvent(time, service, action, user, Map.of("cluster_name", "etl"), status,
                status == 200 ? null : "bad", "10.0.0.1", "curl/8", "r-" + time);
    }
}
