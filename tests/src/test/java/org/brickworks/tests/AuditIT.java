package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;

import javax.inject.Inject;

import org.brickworks.audit.api.AuditEvent;
import org.brickworks.audit.api.AuditLog;
import org.brickworks.audit.api.AuditQuery;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The audit log: mutating REST calls with their parameters (secrets and file contents redacted), status and error,
 * refused sign-ins, shell commands; read back through the service, {@code bw:audit} and the JSON lines file, which
 * only the platform's user may read, in a data directory only it may enter.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AuditIT extends PlatformTestSupport {
    @Inject
    private AuditLog audit;

    @Test
    public void mutatingCallsRefusedSignInsAndShellCommandsAreRecorded() throws Exception {
        long since = System.currentTimeMillis();
        assertEquals(200, post("/api/2.0/workspace/mkdirs", admin, "{\"path\": \"/Shared/audited\"}").status());
        assertEquals(200, post("/api/2.0/workspace/import", admin, "{\"path\": \"/Shared/audited/nb\","
                + " \"format\": \"SOURCE\", \"language\": \"SQL\", \"content\": \""
                + Base64.getEncoder().encodeToString("SELECT 'do not log me'".getBytes()) + "\"}").status());
        assertEquals(400, post("/api/2.0/workspace/mkdirs", admin, "{}").status());
        assertEquals(401, get("/api/2.0/clusters/list", "not-a-token").status());
        assertEquals(200, get("/api/2.0/clusters/list", admin).status()); // reads are not recorded
        shell("bw:ws-ls /Shared/audited");

        List<AuditEvent> workspace = audit.find(new AuditQuery("admin", "workspace", null, since, null, 10));
        assertEquals(workspace.toString(), List.of("mkdirs", "import", "mkdirs"), // newest first
                workspace.stream().map(AuditEvent::actionName).toList());
        AuditEvent mkdirs = workspace.get(2);
        assertEquals("/Shared/audited", mkdirs.requestParams().get("path"));
        assertEquals(200, mkdirs.statusCode());
        assertNull(mkdirs.errorMessage());
        assertEquals("127.0.0.1", mkdirs.sourceIpAddress());
        AuditEvent imported = workspace.get(1);
        assertEquals("[REDACTED]", imported.requestParams().get("content"));
        assertEquals("SOURCE", imported.requestParams().get("format"));
        AuditEvent refused = workspace.get(0);
        assertEquals(400, refused.statusCode());
        assertTrue(refused.toString(), refused.errorMessage().contains("path"));

        AuditEvent signIn = audit.find(new AuditQuery(null, "accounts", "tokenLogin", since, null, 10)).get(0);
        assertEquals(401, signIn.statusCode());
        assertNull(signIn.userName());

        AuditEvent command = audit.find(new AuditQuery(null, "shell", null, since, null, 10)).stream()
                .filter(e -> e.actionName().equals("bw:ws-ls")).findFirst().orElseThrow();
        assertEquals("bw:ws-ls /Shared/audited", command.requestParams().get("commandLine"));
        assertEquals(200, command.statusCode());
        assertTrue(command.userName(), command.userName().startsWith("console:"));

        String table = shell("bw:audit --service workspace --limit 2");
        assertTrue(table, table.contains("mkdirs") && table.contains("400") && table.contains("admin"));
        JsonNode line = JSON.readTree(shell("bw:audit --json --action import --limit 1").strip());
        assertEquals("workspace", line.path("serviceName").asText());
        assertEquals("[REDACTED]", line.path("requestParams").path("content").asText());
        String file = Files.readString(dataDirectory().resolve("audit/audit.jsonl"));
        assertTrue(file.contains("\"actionName\":\"tokenLogin\"") && !file.contains("do not log me")
                && !file.contains(Base64.getEncoder().encodeToString("SELECT 'do not log me'".getBytes())));
        assertTrue(failure("bw:audit --since yesterday").contains("--since yesterday is not an ISO instant"));
    }

    @Test
    public void theDataDirectoryAndTheAuditLogAreTheOwnersAlone() throws Exception {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDirectory())));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDirectory().resolve("audit/audit.jsonl"))));
    }
}
