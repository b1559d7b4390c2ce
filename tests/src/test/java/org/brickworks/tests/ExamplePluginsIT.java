package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.junit.Test;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The example plugins of {@code examples/}, as a third party ships them: each jar dropped into {@code plugins/} of the
 * running distribution, used, then deleted, after which nothing of it is left (routes 404, commands gone, the language
 * refused, the node type gone and its cluster terminated with a reason).
 */
public class ExamplePluginsIT extends DistributionTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CLUSTER_START = Duration.ofMinutes(4);

    @Test
    public void restEndpointAndShellCommandComeAndGoWithTheirJar() throws Exception {
        start();
        String token = adminToken();
        assertEquals(404, get("/api/2.0/hello/greet?name=Ada", token));
        Path jar = drop("hello", "hello.jar");
        await("the plugin's route", () -> get("/api/2.0/hello/greet?name=Ada", token) == 200);

        assertEquals("{\"greeting\":\"Hello, Ada!\",\"caller\":\"admin\"}",
                send(HttpRequest.newBuilder(URI.create(url("/api/2.0/hello/greet?name=Ada")))).body());
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/2.0/hello/greet")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(anonymous.body(), 401, anonymous.statusCode());
        assertEquals(anonymous.body(), "UNAUTHENTICATED", JSON.readTree(anonymous.body()).path("error_code").asText());
        await("the plugin's command", () -> quietly("hello:greet", "Ada").exit() == 0);
        Client greeted = client("hello:greet", "Ada");
        assertEquals(greeted.output(), "Hello, Ada!", greeted.out().strip());
        Client help = client("bw:help");
        assertTrue(help.output(), help.output().matches("(?s).*\nhello:greet +Greet someone, as GET.*"));

        Files.delete(jar);
        await("the route to go", () -> get("/api/2.0/hello/greet?name=Ada", token) == 404);
        await("the command to go", () -> quietly("hello:greet", "Ada").exit() > 0);
        assertFalse(client("bw:help").output().contains("hello:"));
        assertFalse(bundleList().contains("org.brickworks.examples.hello"));
    }

    @Test
    public void aTaskTypeRunsJobsWhileItsJarIsThereAndItsRemovalFailsOnlyThoseRuns() throws Exception {
        start();
        String job = "{\"name\": \"ping\", \"tasks\": [{\"task_key\": \"ping\", \"http_task\":"
                + " {\"url\": \"" + url("/api/2.0/health") + "?run={{job.run_id}}\"}}]}";
        HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(url("/api/2.1/jobs/create")))
                .POST(HttpRequest.BodyPublishers.ofString(job)));
        assertEquals(refused.body(), 400, refused.statusCode());
        assertTrue(refused.body(), refused.body().contains("http_task is not a task type of this platform"));
        Path jar = drop("http-task", "http-task.jar");
        await("the http_task type", () -> {
            try {
                return send(HttpRequest.newBuilder(URI.create(url("/api/2.1/jobs/create")))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"probe\", \"tasks\": [{\"task_key\":"
                                + " \"p\", \"http_task\": {\"url\": \"http://x\"}}]}")))
                        .statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(url("/api/2.1/jobs/create")))
                .POST(HttpRequest.BodyPublishers.ofString(job)));
        assertEquals(created.body(), 200, created.statusCode());
        long jobId = JSON.readTree(created.body()).path("job_id").asLong();
        JsonNode run = runToEnd(jobId);
        assertEquals(run.toString(), "SUCCESS", run.path("state").path("result_state").asText());
        JsonNode output = JSON
                .readTree(send(HttpRequest.newBuilder(URI.create(url("/api/2.1/jobs/runs/get-output?run_id="
                        + run.path("run_id").asLong())))).body());
        assertEquals(output.toString(), 200, output.path("http_output").path("status").asInt());

        Files.delete(jar);
        await("the plugin to go", () -> !bundleList().contains("org.brickworks.examples.http.task"));
        JsonNode orphan = runToEnd(jobId);
        assertEquals(orphan.toString(), "INTERNAL_ERROR", orphan.path("state").path("life_cycle_state").asText());
        assertEquals("INVALID_RUN_CONFIGURATION",
                orphan.path("status").path("termination_details").path("code").asText());
        assertEquals(200, get("/api/2.0/health", null));
    }

    /** Runs the job and polls runs/get until the run has ended. */
    private JsonNode runToEnd(long jobId) throws Exception {
        HttpResponse<String> started = send(HttpRequest.newBuilder(URI.create(url("/api/2.1/jobs/run-now")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"job_id\": " + jobId + "}")));
        assertEquals(started.body(), 200, started.statusCode());
        long runId = JSON.readTree(started.body()).path("run_id").asLong();
        JsonNode[] run = new JsonNode[1];
        await("run " + runId + " to end", Duration.ofMinutes(1), () -> {
            try {
                run[0] = JSON.readTree(send(HttpRequest.newBuilder(URI.create(url("/api/2.1/jobs/runs/get?run_id="
                        + runId)))).body());
            } catch (IOException e) {
                return false;
            }
            return run[0].path("state").path("life_cycle_state").asText().matches("TERMINATED|SKIPPED|INTERNAL_ERROR");
        });
        return run[0];
    }

    @Test
    public void shellLanguageAndLauncherRunAClusterAndGoWithTheirJars() throws Exception {
        // A launcher that is gone this long has its clusters terminated (30 s by default, for bundle updates).
        Files.writeString(home.resolve("etc/org.brickworks.clusters.cfg"), "serviceWaitSeconds=3\n");
        start();
        assertFalse(nodeTypes().toString(), nodeTypes().toString().contains("acme-standard"));
        Path launcher = drop("acme-launcher", "acme.jar");
        Path language = drop("sh/language", "sh.jar");
        await("the acme node type", () -> nodeTypes().toString().contains("acme-standard"));
        await("the %sh language", () -> bundleList().matches("(?s).*Active.*org.brickworks.examples.sh\\b.*"));

        String id = createCluster("acme", "acme-standard");
        long driverPid = awaitRunning(id);
        String commandLine = Files.readString(Path.of("/proc", Long.toString(driverPid), "cmdline")).replace('\0', ' ');
        assertTrue(commandLine, commandLine.contains(" -Dacme.launcher=acme "));

        String context = createContext(id, "sql");
        runsShellCommands(id, context);

        Files.delete(language);
        await("%sh to be refused", () -> execute(id, context, "sh", "echo no").statusCode() == 400);
        HttpResponse<String> refused = execute(id, context, "sh", "echo no");
        assertTrue(refused.body(), refused.body().contains("Language sh is not installed; installed languages: "));
        assertFalse(bundleList().contains("org.brickworks.examples.sh"));

        Files.delete(launcher);
        await("the node type to go", () -> !nodeTypes().toString().contains("acme-standard"));
        await("the cluster to terminate", () -> "TERMINATED".equals(cluster(id).path("state").asText()));
        JsonNode reason = cluster(id).path("termination_reason");
        assertEquals(reason.toString(), "CLOUD_PROVIDER_SHUTDOWN", reason.path("code").asText());
        assertEquals(reason.toString(), "Cluster launcher 'acme' of node type acme-standard is no longer installed,"
                + " so the cluster's driver was stopped",
                reason.path("parameters").path("databricks_error_message").asText());
        await("the driver process to end",
                () -> ProcessHandle.of(driverPid).map(ProcessHandle::isAlive).orElse(false) == false);
        assertFalse(bundleList().contains("org.brickworks.examples.acme"));
        post("/api/2.0/clusters/permanent-delete", "{\"cluster_id\": \"" + id + "\"}");
    }

    /** {@code %sh} as Databricks runs it: output as text, a non-zero exit an error, a cancel ends the process group. */
    private void runsShellCommands(String id, String context) throws Exception {
        JsonNode printed = runCommand(id, context, "sh", "echo out; echo err >&2; echo $((6 * 7))");
        assertEquals(printed.toString(), "Finished", printed.path("status").asText());
        assertEquals(printed.toString(), "text", printed.path("results").path("resultType").asText());
        assertEquals(printed.toString(), "out\nerr\n42\n", printed.path("results").path("data").asText());

        JsonNode failed = runCommand(id, context, "sh", "echo partial; exit 3");
        assertEquals(failed.toString(), "Error", failed.path("status").asText());
        assertEquals(failed.toString(), "Command exited with status 3", failed.path("results").path("summary")
                .asText());
        assertTrue(failed.toString(), failed.path("results").path("cause").asText().contains("partial"));

        Path pidFile = home.getParent().resolve("sleep.pid");
        String sleeping = JSON.readTree(execute(id, context, "sh", "sleep 600 & echo $! > " + pidFile + ".part && mv "
                + pidFile + ".part " + pidFile + "; wait").body()).path("id").asText();
        await("the sleeping command", () -> Files.exists(pidFile));
        long sleepPid = Long.parseLong(Files.readString(pidFile).strip());
        assertTrue(ProcessHandle.of(sleepPid).isPresent());
        HttpResponse<String> cancel = send(HttpRequest.newBuilder(URI.create(url("/api/1.2/commands/cancel")))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("clusterId", id)
                        .put("contextId", context).put("commandId", sleeping).toString())));
        assertEquals(cancel.body(), 200, cancel.statusCode());
        await("the command to be cancelled", () -> "Cancelled".equals(status(id, context, sleeping)
                .path("status").asText()));
        await("the cancelled command's child process to end", () -> ProcessHandle.of(sleepPid)
                .map(ProcessHandle::isAlive).orElse(false) == false);
        JsonNode after = runCommand(id, context, "sh", "echo still here");
        assertEquals(after.toString(), "still here\n", after.path("results").path("data").asText());
    }

    @Test
    public void ldapDirectoryBringsItsUsersAndGroupsWhileItsJarIsThere() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
        config.addAdditionalBindCredentials("cn=reader", "reader-password");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
        InMemoryDirectoryServer ldap = new InMemoryDirectoryServer(config);
        ldap.add("dn: dc=example,dc=com", "objectClass: top", "objectClass: domain", "dc: example");
        ldap.add("dn: ou=people,dc=example,dc=com", "objectClass: organizationalUnit", "ou: people");
        ldap.add("dn: ou=groups,dc=example,dc=com", "objectClass: organizationalUnit", "ou: groups");
        for (String uid : List.of("grace", "ken")) {
            ldap.add("dn: uid=" + uid + ",ou=people,dc=example,dc=com", "objectClass: inetOrgPerson", "uid: " + uid,
                    "cn: " + uid + " from LDAP", "sn: " + uid, "userPassword: " + uid + "-password");
        }
        ldap.add("dn: cn=compilers,ou=groups,dc=example,dc=com", "objectClass: groupOfNames", "cn: compilers",
                "member: uid=grace,ou=people,dc=example,dc=com");
        ldap.add("dn: cn=admins,ou=groups,dc=example,dc=com", "objectClass: groupOfNames", "cn: admins",
                "member: uid=ken,ou=people,dc=example,dc=com");
        ldap.startListening();
        try {
            start();
            Files.writeString(home.resolve("etc/org.brickworks.examples.ldap.cfg"), "url=ldap://127.0.0.1:"
                    + ldap.getListenPort() + "\nbindDn=cn=reader\nbindPassword=reader-password\n"
                    + "userBase=ou=people,dc=example,dc=com\ngroupBase=ou=groups,dc=example,dc=com\n");
            Path jar = drop("ldap-directory", "ldap.jar");
            String users = "/api/2.0/preview/scim/v2/Users?filter=externalId%20sw%20%22ldap:%22&sortBy=userName";
            await("the directory's users", () -> list(users).path("totalResults").asInt() == 2);
            JsonNode grace = list(users).path("Resources").path(0);
            assertEquals("grace from LDAP", grace.path("displayName").asText());
            assertTrue(grace.toString(), grace.path("groups").toString().contains("\"compilers\""));
            assertTrue(client("bw:users").output().matches("(?s).*ken +ken from LDAP +user +yes +yes.*"));

            ldap.delete("uid=ken,ou=people,dc=example,dc=com");
            Client sync = client("bw:identity-sync");
            assertTrue(sync.output(), sync.output().matches("(?s).*ldap +1.*"));
            JsonNode ken = list(users).path("Resources").path(1);
            assertFalse(ken.toString(), ken.path("active").asBoolean());

            Files.delete(jar);
            await("the plugin to go", () -> !bundleList().contains("org.brickworks.examples.ldap"));
            assertFalse(client("bw:identity-sync").output().contains("ldap"));
            assertEquals(2, list(users).path("totalResults").asInt());
        } finally {
            ldap.shutDown(true);
        }
    }

    /** The built jar of the example in {@code examples/<module>}, moved into {@code plugins/} in one step. */
    private Path drop(String module, String name) throws IOException {
        Path built;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Features.ROOT.resolve("examples").resolve(module)
                .resolve("target"), "*.jar")) {
            built = jars.iterator().next();
        }
        Path staged = Files.copy(built, home.getParent().resolve(name), StandardCopyOption.REPLACE_EXISTING);
        return Files.move(staged, home.resolve("plugins").resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private String adminToken() throws IOException {
        return Files.readString(data.resolve("admin-token")).trim();
    }

    private JsonNode nodeTypes() {
        return list("/api/2.0/clusters/list-node-types").path("node_types");
    }

    private String createCluster(String name, String nodeType) throws IOException {
        ObjectNode spec = JSON.createObjectNode().put("cluster_name", name).put("spark_version", "15.4.x-scala2.12")
                .put("node_type_id", nodeType).put("num_workers", 0);
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(url("/api/2.0/clusters/create")))
                .POST(HttpRequest.BodyPublishers.ofString(spec.toString())));
        assertEquals(created.body(), 200, created.statusCode());
        return JSON.readTree(created.body()).path("cluster_id").asText();
    }

    /** Waits for the cluster to run; its driver's pid. */
    private long awaitRunning(String id) throws Exception {
        await("cluster " + id + " to run", CLUSTER_START, () -> {
            String state = cluster(id).path("state").asText();
            assertFalse(cluster(id).toString(), state.matches("TERMINATING|TERMINATED|ERROR"));
            return "RUNNING".equals(state);
        });
        return cluster(id).path("driver").path("pid").asLong();
    }

    private JsonNode cluster(String id) {
        return list("/api/2.0/clusters/get?cluster_id=" + id);
    }

    private String createContext(String id, String language) throws IOException {
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(url("/api/1.2/contexts/create")))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("clusterId", id)
                        .put("language", language).toString())));
        assertEquals(created.body(), 200, created.statusCode());
        return JSON.readTree(created.body()).path("id").asText();
    }

    private HttpResponse<String> execute(String id, String context, String language, String command) {
        try {
            return send(HttpRequest.newBuilder(URI.create(url("/api/1.2/commands/execute")))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("clusterId", id)
                            .put("contextId", context).put("language", language).put("command", command)
                            .toString())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode status(String id, String context, String command) {
        return list("/api/1.2/commands/status?clusterId=" + id + "&contextId=" + context + "&commandId=" + command);
    }

    /** Executes {@code command} and waits until it is neither queued nor running; its status. */
    private JsonNode runCommand(String id, String context, String language, String command) throws Exception {
        HttpResponse<String> executed = execute(id, context, language, command);
        assertEquals(executed.body(), 200, executed.statusCode());
        String commandId = JSON.readTree(executed.body()).path("id").asText();
        JsonNode[] status = new JsonNode[1];
        await("command " + commandId, () -> {
            status[0] = status(id, context, commandId);
            return !status[0].path("status").asText().matches("Queued|Running|");
        });
        return status[0];
    }
}
