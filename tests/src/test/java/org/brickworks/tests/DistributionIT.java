package org.brickworks.tests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.Test;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.mixin.SparkVersionSelector;
import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.ClusterEvent;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.compute.EventType;
import com.databricks.sdk.service.compute.GetEvents;
import com.databricks.sdk.service.compute.State;
import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ListUsersRequest;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.PartialUpdate;
import com.databricks.sdk.service.iam.Patch;
import com.databricks.sdk.service.iam.PatchOp;
import com.databricks.sdk.service.iam.PatchSchema;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.jobs.CreateJob;
import com.databricks.sdk.service.jobs.JobParameterDefinition;
import com.databricks.sdk.service.jobs.ListJobsRequest;
import com.databricks.sdk.service.jobs.ListRunsRequest;
import com.databricks.sdk.service.jobs.NotebookTask;
import com.databricks.sdk.service.jobs.RepairRun;
import com.databricks.sdk.service.jobs.Run;
import com.databricks.sdk.service.jobs.RunLifeCycleState;
import com.databricks.sdk.service.jobs.RunNow;
import com.databricks.sdk.service.jobs.RunOutput;
import com.databricks.sdk.service.jobs.RunResultState;
import com.databricks.sdk.service.jobs.RunTask;
import com.databricks.sdk.service.jobs.Task;
import com.databricks.sdk.service.jobs.TaskDependency;
import com.databricks.sdk.service.settings.CreateOboTokenRequest;
import com.databricks.sdk.service.settings.CreateOboTokenResponse;
import com.databricks.sdk.service.settings.CreateTokenRequest;
import com.databricks.sdk.service.settings.CreateTokenResponse;
import com.databricks.sdk.service.settings.ListTokenManagementRequest;
import com.databricks.sdk.service.workspace.AclPermission;
import com.databricks.sdk.service.workspace.CreateScope;
import com.databricks.sdk.service.workspace.Delete;
import com.databricks.sdk.service.workspace.ExportFormat;
import com.databricks.sdk.service.workspace.ExportRequest;
import com.databricks.sdk.service.workspace.Import;
import com.databricks.sdk.service.workspace.ImportFormat;
import com.databricks.sdk.service.workspace.Language;
import com.databricks.sdk.service.workspace.ObjectInfo;
import com.databricks.sdk.service.workspace.ObjectType;
import com.databricks.sdk.service.workspace.PutSecret;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The built distribution driven as a user drives it: {@code bin/brickworks} with environment settings, REST over HTTP
 * (also through Databricks' own Java SDK), {@code bin/brickworks-client} over SSH, a watched {@code etc/} and the
 * {@code plugins/} hot-deploy folder; what it logs is read from its log file, {@code <data>/log/brickworks.log}. Runs
 * on a copy so the build output stays untouched.
 */
public class DistributionIT extends DistributionTestSupport {
    @Test
    public void startsWithEnvironmentSettingsAndAnswersRestAndShell() throws Exception {
        start();
        String console = Files.readString(home.resolve("platform.log"));
        assertTrue(console, console.startsWith("Brickworks in ") && console.contains(", data in " + data + ", log in "
                + platformLog()));
        await("the start in the platform log", () -> read(platformLog()).contains("SSH shell listening on"));
        assertNoStackTrace();
        Path tokenFile = data.resolve("admin-token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
        String token = Files.readString(tokenFile).trim();
        assertEquals(200, get("/api/2.0/token/list", token));
        assertEquals(401, get("/api/2.0/token/list", null));

        Client status = client("bw:status");
        assertEquals(status.output(), 0, status.exit());
        assertTrue(status.output(), status.output().contains("Brickworks 0.1.0"));
        Client failing = client("bw:token-revoke", "nope");
        assertEquals(1, failing.exit());
        assertTrue(failing.output(), failing.output().contains("Token nope does not exist"));
        Client refused = client("--token", "dapi00000000000000000000000000000000", "bw:status");
        assertNotEquals(0, refused.exit());

        stop();
        start();
        assertEquals("a restart keeps the token and writes no new one", token, Files.readString(tokenFile).trim());
        assertEquals(200, get("/api/2.0/token/list", token));
        assertNoStackTrace();
    }

    @Test
    public void consoleOnATerminalRunsCommands() throws Exception {
        // script(1) gives bin/brickworks a terminal, as a user's shell does; what is typed goes to its console.
        start(new ProcessBuilder("script", "-qfec", home.resolve("bin/brickworks").toString(), "/dev/null"));
        try {
            Writer console = new OutputStreamWriter(platform.getOutputStream(), StandardCharsets.UTF_8);
            console.write("status\n");
            console.flush();
            await("the console's answer", () -> read(home.resolve("platform.log")).contains("Uptime:"));
            String printed = read(home.resolve("platform.log"));
            assertTrue(printed, printed.contains("Brickworks console: 'help' lists the commands"));
            assertFalse(printed, printed.contains("Exception"));
            assertEquals(0, client("bw:users").exit());
        } finally {
            // The JVM, not script(1), gets the SIGTERM a service manager sends.
            platform.descendants().filter(process -> process.info().command().orElse("").endsWith("java"))
                    .forEach(ProcessHandle::destroy);
        }
    }

    @Test
    public void clientPassesEachArgumentOnAsExactlyOneArgument() throws Exception {
        start();
        Files.move(TestJars.commandPlugin(home.getParent().resolve("echo.jar")), home.resolve("plugins/echo.jar"),
                StandardCopyOption.ATOMIC_MOVE);
        await("the plugin's command", () -> quietly("bw:help", "test:echo").exit() == 0);
        List<String> words = List.of("SELECT version()", "CREATE TABLE sales (id INT, amount DOUBLE) USING DELTA",
                "SELECT * FROM sales VERSION AS OF 1", "SELECT 1 AS one, 'x' AS s", "*", "it's \"quoted\"",
                "$HOME ${x} $(echo no)", "back\\slash\\", "", "two\nlines", "--lines", "-h", "@file", "{a} [b] ;|&");
        List<String> echo = new ArrayList<>(List.of("test:echo"));
        echo.addAll(words);

        Client echoed = client(echo.toArray(String[]::new));

        assertEquals(echoed.output(), 0, echoed.exit());
        assertEquals(words.stream().map(word -> "<" + word + ">").collect(Collectors.joining("\n")) + "\n",
                echoed.out());
        Client help = client("bw:help");
        assertTrue(help.output(), help.output().matches("(?s).*\ntest:echo +Print each argument in angle brackets.*"));
        Client described = client("bw:help", "test:echo");
        assertTrue(described.output(), described.output().contains("SYNTAX\n        test:echo [arg1...]"));
        Client created = client("bw:token-create", "--lifetime", "600", "it's a * (test) of $HOME");
        assertEquals(created.output(), 0, created.exit());
        assertTrue(client("bw:token-list").output().contains("it's a * (test) of $HOME"));
    }

    @Test
    public void credentialsReachNeitherTheClientNorThePlatformLog() throws Exception {
        // Debug logging of our code and of the SSH server: both log command lines, which must come out masked.
        Path logback = home.resolve("etc/logback.xml");
        Files.writeString(logback, Files.readString(logback).replace("<root level=\"INFO\">",
                "<logger name=\"org.brickworks\" level=\"DEBUG\"/><logger name=\"org.apache.sshd.server\" "
                        + "level=\"DEBUG\"/><root level=\"INFO\">"));
        String key = Base64.getEncoder().encodeToString("brickworks-test-account-key".getBytes(StandardCharsets.UTF_8));
        String signature = "YnJpY2t3b3Jrcy10ZXN0LXNhcw";
        try (Azurite azurite = Azurite.start(home.getParent().resolve("azurite"))) {
            start();
            assertEquals(0, client("bw:fs-mounts").exit());

            Client mount = client("bw:fs-mount", "wasbs://box@devstoreaccount1.blob.core.windows.net/in", "/mnt/box",
                    "fs.azure.account.key.devstoreaccount1.blob.core.windows.net=" + key,
                    "fs.azure.sas.other.devstoreaccount1.blob.core.windows.net=sv=2022-11-02&sig=" + signature,
                    "azure.endpoint=" + azurite.endpoint());

            assertEquals(mount.output(), 1, mount.exit());
            assertEquals("", mount.out());
            assertEquals(mount.err(), 1, mount.err().lines().count());
            await("the command line in the platform log", () -> read(platformLog()).contains("SSH exec by admin"));
            String log = read(platformLog());
            assertTrue(log, log.contains("'fs.azure.account.key.devstoreaccount1.blob.core.windows.net=****'"));
            for (String secret : List.of(key, signature)) {
                assertFalse(mount.output(), mount.output().contains(secret));
                assertFalse(log, log.contains(secret));
                assertFalse(read(home.resolve("platform.log")).contains(secret));
            }
        }
    }

    @Test
    public void clusterCreateWaitsUntilRunningAndSaysWhyWhenTheClusterEnds() throws Exception {
        start();
        Client created = client(Duration.ofMinutes(5), "bw:cluster-create", "--wait", "waited", "15.4.x-scala2.12");

        assertEquals(created.output(), 0, created.exit());
        List<String> lines = created.out().lines().toList();
        String id = lines.get(0);
        assertTrue(created.out(), created.out().matches("(?s).*\n\\d\\d:\\d\\d:\\d\\d  state PENDING.*"));
        assertTrue(created.out(),
                created.out().matches("(?s).*\n\\d\\d:\\d\\d:\\d\\d  STARTING  Launching the driver.*"));
        assertTrue(created.output(), lines.get(lines.size() - 1).startsWith("Cluster " + id + " is RUNNING, driver "));

        Path output = home.getParent().resolve("doomed.out");
        Process waiting = clientProcess("bw:cluster-create", "--wait", "doomed", "15.4.x-scala2.12")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        String doomed = awaitCluster("doomed");
        post("/api/2.0/clusters/delete", "{\"cluster_id\": \"" + doomed + "\"}");
        assertTrue("the client ends with its cluster", waiting.waitFor(2, TimeUnit.MINUTES));
        List<String> ended = Files.readAllLines(output);
        assertEquals(ended.toString(), 1, waiting.exitValue());
        assertTrue(ended.toString(), ended.get(ended.size() - 1).startsWith("Cluster " + doomed
                + " is TERMINATED: USER_REQUEST"));

        Client edited = client("bw:cluster-edit", "--wait", doomed, "17.3.x-scala2.13");
        assertEquals(edited.output(), 0, edited.exit());
        assertTrue(edited.output(), edited.output().contains("TERMINATED, on 17.3.x-scala2.13 from its next start"));
        for (String cluster : List.of(id, doomed)) {
            post("/api/2.0/clusters/permanent-delete", "{\"cluster_id\": \"" + cluster + "\"}");
        }
    }

    @Test
    public void databricksSdkDrivesTheApi() throws Exception {
        start();
        WorkspaceClient workspace = new WorkspaceClient(new DatabricksConfig()
                .setHost("http://127.0.0.1:" + httpPort)
                .setToken(Files.readString(data.resolve("admin-token")).trim()));
        assertEquals("admin", workspace.currentUser().me(new MeRequest()).getUserName());
        CreateTokenResponse created = workspace.tokens()
                .create(new CreateTokenRequest().setComment("sdk").setLifetimeSeconds(600L));
        String id = created.getTokenInfo().getTokenId();
        assertTrue(created.getTokenValue().startsWith("dapi"));
        assertTrue(tokenIds(workspace).contains(id));
        workspace.tokens().delete(id);
        assertFalse(tokenIds(workspace).contains(id));
    }

    @Test
    public void databricksSdkManagesUsersGroupsServicePrincipalsAndTheirTokens() throws Exception {
        start();
        WorkspaceClient workspace = new WorkspaceClient(new DatabricksConfig()
                .setHost("http://127.0.0.1:" + httpPort)
                .setToken(Files.readString(data.resolve("admin-token")).trim()));
        User ada = workspace.users().create(new User().setUserName("ada@example.com").setDisplayName("Ada")
                .setEntitlements(List.of(new ComplexValue().setValue("allow-cluster-create"))));
        assertEquals("ada@example.com", workspace.users().get(ada.getId()).getUserName());
        List<String> names = new ArrayList<>();
        // count 1: the SDK pages by startIndex until a page is empty
        workspace.users().list(new ListUsersRequest().setCount(1L).setSortBy("userName"))
                .forEach(user -> names.add(user.getUserName()));
        assertEquals(List.of("ada@example.com", "admin"), names);
        List<String> filtered = new ArrayList<>();
        workspace.users().list(new ListUsersRequest().setFilter("userName co \"ada\" and active eq true"))
                .forEach(user -> filtered.add(user.getId()));
        assertEquals(List.of(ada.getId()), filtered);

        Group team = workspace.groups().create(new Group().setDisplayName("sdk-team"));
        workspace.groups().patch(new PartialUpdate().setId(team.getId())
                .setSchemas(List.of(PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP))
                .setOperations(List.of(new Patch().setOp(PatchOp.ADD).setPath("members")
                        .setValue(List.of(Map.of("value", ada.getId()))))));
        List<String> members = new ArrayList<>();
        workspace.groups().get(team.getId()).getMembers().forEach(member -> members.add(member.getValue()));
        assertEquals(List.of(ada.getId()), members);

        ServicePrincipal robot = workspace.servicePrincipals()
                .create(new ServicePrincipal().setDisplayName("sdk robot").setActive(true));
        CreateOboTokenResponse obo = workspace.tokenManagement().createOboToken(new CreateOboTokenRequest()
                .setApplicationId(robot.getApplicationId()).setLifetimeSeconds(600L).setComment("sdk"));
        WorkspaceClient asRobot = new WorkspaceClient(new DatabricksConfig().setHost("http://127.0.0.1:" + httpPort)
                .setToken(obo.getTokenValue()));
        assertEquals(robot.getApplicationId(), asRobot.currentUser().me(new MeRequest()).getUserName());
        List<String> robotTokens = new ArrayList<>();
        workspace.tokenManagement()
                .list(new ListTokenManagementRequest().setCreatedById(Long.parseLong(robot.getId())))
                .forEach(token -> robotTokens.add(token.getTokenId()));
        assertEquals(List.of(obo.getTokenInfo().getTokenId()), robotTokens);
        assertThrows(PermissionDenied.class,
                () -> asRobot.users().create(new User().setUserName("robot-made")));
        workspace.tokenManagement().delete(obo.getTokenInfo().getTokenId());
        assertThrows(DatabricksError.class, () -> asRobot.currentUser().me(new MeRequest()));

        workspace.users().delete(ada.getId());
        assertThrows(NotFound.class, () -> workspace.users().get(ada.getId()));
        workspace.groups().delete(team.getId());
        workspace.servicePrincipals().delete(robot.getId());
    }

    @Test
    public void databricksSdkKeepsSecretsInScopes() throws Exception {
        start();
        WorkspaceClient workspace = new WorkspaceClient(new DatabricksConfig()
                .setHost("http://127.0.0.1:" + httpPort)
                .setToken(Files.readString(data.resolve("admin-token")).trim()));
        workspace.secrets().createScope(new CreateScope().setScope("sdk"));
        workspace.secrets().putSecret(new PutSecret().setScope("sdk").setKey("password").setStringValue("p4ss"));
        workspace.secrets().putSecret(new PutSecret().setScope("sdk").setKey("blob")
                .setBytesValue(Base64.getEncoder().encodeToString(new byte[] { 0, 1, 2 })));
        List<String> keys = new ArrayList<>();
        workspace.secrets().listSecrets("sdk").forEach(secret -> keys.add(secret.getKey()));
        assertEquals(List.of("blob", "password"), keys);
        assertEquals("p4ss", new String(Base64.getDecoder().decode(
                workspace.secrets().getSecret("sdk", "password").getValue()), StandardCharsets.UTF_8));
        List<String> scopes = new ArrayList<>();
        workspace.secrets().listScopes().forEach(scope -> scopes.add(scope.getName() + " " + scope.getBackendType()));
        assertTrue(scopes.toString(), scopes.contains("sdk DATABRICKS"));
        assertEquals(AclPermission.MANAGE, workspace.secrets().getAcl("sdk", "admin").getPermission());
        DatabricksError exists = assertThrows(DatabricksError.class,
                () -> workspace.secrets().createScope(new CreateScope().setScope("sdk")));
        assertEquals("RESOURCE_ALREADY_EXISTS", exists.getErrorCode());
        workspace.secrets().deleteScope("sdk");
        assertThrows(ResourceDoesNotExist.class, () -> workspace.secrets().getSecret("sdk", "password"));
    }

    @Test
    public void databricksSdkImportsListsAndExportsNotebooksUnchanged() throws Exception {
        start();
        WorkspaceClient workspace = new WorkspaceClient(new DatabricksConfig()
                .setHost("http://127.0.0.1:" + httpPort)
                .setToken(Files.readString(data.resolve("admin-token")).trim()));
        byte[] source = WorkspaceIT.resource("sales.py");
        workspace.workspace().mkdirs("/Users/admin/sdk");
        workspace.workspace()
                .importContent(new Import().setPath("/Users/admin/sdk/sales").setFormat(ImportFormat.SOURCE)
                        .setLanguage(Language.PYTHON).setContent(Base64.getEncoder().encodeToString(source)));
        ObjectInfo status = workspace.workspace().getStatus("/Users/admin/sdk/sales");
        assertEquals(ObjectType.NOTEBOOK, status.getObjectType());
        assertEquals(Language.PYTHON, status.getLanguage());
        List<String> paths = new ArrayList<>();
        workspace.workspace().list("/Users/admin/sdk").forEach(object -> paths.add(object.getPath()));
        assertEquals(List.of("/Users/admin/sdk/sales"), paths);
        String exported = workspace.workspace().export(new ExportRequest().setPath("/Users/admin/sdk/sales")
                .setFormat(ExportFormat.SOURCE)).getContent();
        assertArrayEquals(source, Base64.getDecoder().decode(exported));
        DatabricksError exists = assertThrows(DatabricksError.class, () -> workspace.workspace().importContent(
                new Import().setPath("/Users/admin/sdk/sales").setFormat(ImportFormat.SOURCE)
                        .setLanguage(Language.PYTHON).setContent(Base64.getEncoder().encodeToString(source))));
        assertEquals("RESOURCE_ALREADY_EXISTS", exists.getErrorCode());
        workspace.workspace().delete(new Delete().setPath("/Users/admin/sdk").setRecursive(true));
        assertThrows(ResourceDoesNotExist.class, () -> workspace.workspace().getStatus("/Users/admin/sdk"));
    }

    @Test
    public void databricksSdkRunsAClusterAndAPlatformStopTerminatesItsDriver() throws Exception {
        start();
        WorkspaceClient workspace = new WorkspaceClient(new DatabricksConfig()
                .setHost("http://127.0.0.1:" + httpPort)
                .setToken(Files.readString(data.resolve("admin-token")).trim()));
        String version = workspace.clusters()
                .selectSparkVersion(new SparkVersionSelector().withLongTermSupport().withSparkVersion("3.5"));
        assertEquals("15.4.x-scala2.12", version);
        ClusterDetails cluster = workspace.clusters().create(new CreateCluster().setClusterName("sdk")
                .setSparkVersion(version).setNumWorkers(0L)).get(Duration.ofMinutes(5));
        assertEquals(State.RUNNING, cluster.getState());
        ProcessHandle driver = ProcessHandle.of(driverPid(cluster.getClusterId())).orElseThrow();
        ProcessHandle metastore = ProcessHandle
                .of(Long.parseLong(Files.readString(data.resolve("metastore/server.pid")).strip())).orElseThrow();

        stop();
        assertTrue("a stopped platform leaves no driver behind (Spark stops within 30 s of its SIGTERM)",
                driver.onExit().thenApply(exited -> true).completeOnTimeout(false, 30, TimeUnit.SECONDS).get());
        assertTrue("a stopped platform leaves no metastore server behind", metastore
                .onExit().thenApply(exited -> true).completeOnTimeout(false, 30, TimeUnit.SECONDS).get());
        start();
        ClusterDetails after = workspace.clusters().get(cluster.getClusterId());
        assertEquals(State.TERMINATED, after.getState());
        assertEquals("SERVICE_FAULT", after.getTerminationReason().getType().toString());
        List<ClusterEvent> events = new ArrayList<>();
        workspace.clusters().events(new GetEvents().setClusterId(cluster.getClusterId()).setLimit(2L))
                .forEach(events::add);
        assertTrue("the SDK follows next_page through every event: " + events, events.size() >= 5);
        assertTrue("newest first", events.get(0).getTimestamp() >= events.get(events.size() - 1).getTimestamp());
        assertEquals(EventType.CREATING, events.get(events.size() - 1).getType());
        workspace.clusters().permanentDelete(cluster.getClusterId());
    }

    @Test
    public void databricksSdkRunsAMultiTaskJobReadsItsOutputRepairsItAndListsJobsAcrossPages() throws Exception {
        start();
        WorkspaceClient workspace = new WorkspaceClient(new DatabricksConfig()
                .setHost("http://127.0.0.1:" + httpPort)
                .setToken(Files.readString(data.resolve("admin-token")).trim()));
        String clusterId = workspace.clusters().create(new CreateCluster().setClusterName("sdk-jobs")
                .setSparkVersion("15.4.x-scala2.12").setNumWorkers(0L)).get(Duration.ofMinutes(5)).getClusterId();
        workspace.workspace().mkdirs("/Users/admin/sdk-jobs");
        importPython(workspace, "/Users/admin/sdk-jobs/say", "dbutils.notebook.exit(dbutils.widgets.get('word'))");
        importPython(workspace, "/Users/admin/sdk-jobs/strict", "word = dbutils.widgets.get('word')\n"
                + "assert word == 'repair', 'the word is ' + word\ndbutils.notebook.exit(word)");
        long jobId = workspace.jobs().create(new CreateJob().setName("sdk-job")
                .setParameters(List.of(new JobParameterDefinition().setName("word").setDefault("hi")))
                .setTasks(List.of(
                        new Task().setTaskKey("say").setExistingClusterId(clusterId)
                                .setNotebookTask(new NotebookTask().setNotebookPath("/Users/admin/sdk-jobs/say")),
                        new Task().setTaskKey("strict").setExistingClusterId(clusterId)
                                .setDependsOn(List.of(new TaskDependency().setTaskKey("say")))
                                .setNotebookTask(new NotebookTask().setNotebookPath("/Users/admin/sdk-jobs/strict")))))
                .getJobId();

        Run run = workspace.jobs().runNow(new RunNow().setJobId(jobId).setJobParameters(Map.of("word", "hello")))
                .get(Duration.ofMinutes(5));
        assertEquals(RunLifeCycleState.TERMINATED, run.getState().getLifeCycleState());
        assertEquals(RunResultState.FAILED, run.getState().getResultState());
        Map<String, RunTask> tasks = new HashMap<>();
        run.getTasks().forEach(task -> tasks.put(task.getTaskKey(), task));
        assertEquals("hello", workspace.jobs().getRunOutput(tasks.get("say").getRunId()).getNotebookOutput()
                .getResult());
        RunOutput failure = workspace.jobs().getRunOutput(tasks.get("strict").getRunId());
        assertTrue(failure.getError(), failure.getError().contains("the word is hello"));

        Run repaired = workspace.jobs().repairRun(new RepairRun().setRunId(run.getRunId())
                .setRerunAllFailedTasks(true).setJobParameters(Map.of("word", "repair"))).get(Duration.ofMinutes(5));
        assertEquals(RunResultState.SUCCESS, repaired.getState().getResultState());
        assertEquals(2, repaired.getRepairHistory().size());
        repaired.getTasks().forEach(task -> tasks.put(task.getTaskKey(), task));
        assertEquals("repair", workspace.jobs().getRunOutput(tasks.get("strict").getRunId()).getNotebookOutput()
                .getResult());

        List<Long> created = new ArrayList<>(List.of(jobId));
        for (int i = 0; i < 4; i++) {
            created.add(workspace.jobs().create(new CreateJob().setName("sdk-page-" + i)).getJobId());
        }
        List<Long> listed = new ArrayList<>();
        workspace.jobs().list(new ListJobsRequest().setLimit(2L)).forEach(job -> listed.add(job.getJobId()));
        assertTrue("the SDK follows next_page_token through every page: " + listed, listed.containsAll(created));
        assertEquals(listed.size(), new HashSet<>(listed).size());
        List<Long> runs = new ArrayList<>();
        workspace.jobs().listRuns(new ListRunsRequest().setJobId(jobId)).forEach(r -> runs.add(r.getRunId()));
        assertEquals(List.of(run.getRunId()), runs);
        assertEquals(2, workspace.jobs().get(jobId).getSettings().getTasks().size());
        for (long id : created) {
            workspace.jobs().delete(id);
        }
        workspace.clusters().permanentDelete(clusterId);
    }

    private static void importPython(WorkspaceClient workspace, String path, String code) {
        workspace.workspace().importContent(new Import().setPath(path).setFormat(ImportFormat.SOURCE)
                .setLanguage(Language.PYTHON).setContent(Base64.getEncoder().encodeToString(
                        ("# Databricks notebook source\n" + code + "\n").getBytes(StandardCharsets.UTF_8))));
    }

    /** The driver's pid, Brickworks' own field of {@code driver} (the SDK's model does not carry it). */
    private long driverPid(String clusterId) throws Exception {
        String token = Files.readString(data.resolve("admin-token")).trim();
        HttpResponse<String> response = HTTP.send(HttpRequest
                .newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/api/2.0/clusters/get?cluster_id=" + clusterId))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body()).path("driver").path("pid").asLong();
    }

    private static List<String> tokenIds(WorkspaceClient workspace) {
        List<String> ids = new ArrayList<>();
        workspace.tokens().list().forEach(token -> ids.add(token.getTokenId()));
        return ids;
    }

    @Test
    public void changedConfigurationFileReconfiguresTheRunningShell() throws Exception {
        start();
        int newPort = freePort();
        Files.writeString(home.resolve("etc/org.brickworks.shell.ssh.cfg"), "port=" + newPort + "\nhost=127.0.0.1\n");
        await("SSH on the new port", () -> listening(newPort) && !listening(sshPort));
        sshPort = newPort;
        assertEquals(0, client("bw:users").exit());
    }

    @Test
    public void bundleDroppedIntoPluginsIsInstalledAndRemovedWithItsFile() throws Exception {
        start();
        Path plugin = home.resolve("plugins/osgi-servlet.jar");
        Files.copy(
                localRepository().resolve("org/osgi/org.osgi.service.servlet/2.0.0/org.osgi.service.servlet-2.0.0.jar"),
                plugin);
        await("the dropped bundle to start", () -> bundleList().matches("(?s).*Active.*org.osgi.service.servlet.*"));
        Files.delete(plugin);
        await("the removed bundle to go", () -> !bundleList().contains("org.osgi.service.servlet"));
    }

    @Test
    public void runtimeInstalledWithTheClientSurvivesARestartWhileAShippedOneRemovedComesBack() throws Exception {
        start();
        Path plugin = Files.copy(Features.jar(home.resolve("system/plugins"), "org.brickworks.runtime.spark40"),
                home.getParent().resolve("spark40-plugin.jar"));
        Client removed = client("bw:runtime-remove", "17.3.x-scala2.13");
        assertEquals(removed.output(), 0, removed.exit());
        assertFalse(client("bw:runtimes").output().contains("17.3.x-scala2.13"));
        Client installed = client("bw:runtime-install", plugin.toString());
        assertEquals(installed.output(), 0, installed.exit());
        assertTrue(installed.output(), installed.output().contains("Installed org.brickworks.runtime.spark40 "));
        Client shipped = client("bw:runtime-remove", "15.4.x-scala2.12");
        assertEquals(shipped.output(), 0, shipped.exit());

        stop();
        start();
        String runtimes = client("bw:runtimes").output();
        assertTrue(runtimes, runtimes.contains("17.3.x-scala2.13") && runtimes.contains("15.4.x-scala2.12"));
        assertTrue("17.3 is still the one installed from " + plugin, client("lb", "-l").output().contains(plugin.toUri()
                .toString()));
    }
}
