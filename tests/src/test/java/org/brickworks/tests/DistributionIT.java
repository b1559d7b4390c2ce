package org.brickworks.tests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.databricks.sdk.mixin.SparkVersionSelector;
import com.databricks.sdk.service.compute.ClusterDetails;
import com.databricks.sdk.service.compute.ClusterEvent;
import com.databricks.sdk.service.compute.CreateCluster;
import com.databricks.sdk.service.compute.EventType;
import com.databricks.sdk.service.compute.GetEvents;
import com.databricks.sdk.service.compute.State;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.workspace.Delete;
import com.databricks.sdk.service.workspace.ExportFormat;
import com.databricks.sdk.service.workspace.ExportRequest;
import com.databricks.sdk.service.workspace.Import;
import com.databricks.sdk.service.workspace.ImportFormat;
import com.databricks.sdk.service.workspace.Language;
import com.databricks.sdk.service.workspace.ObjectInfo;
import com.databricks.sdk.service.workspace.ObjectType;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.settings.CreateTokenRequest;
import com.databricks.sdk.service.settings.CreateTokenResponse;

/**
 * The built distribution driven as a user drives it: {@code bin/brickworks} with environment settings, REST over HTTP
 * (also through Databricks' own Java SDK), {@code bin/brickworks-client} over SSH, a watched {@code etc/} and the
 * {@code plugins/} hot-deploy folder. Runs on a copy so the build output stays untouched.
 */
public class DistributionIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Path home;
    private Path data;
    private int httpPort;
    private int sshPort;
    private Process platform;

    @Before
    public void copyDistribution() throws Exception {
        home = Files.createTempDirectory("brickworks-e2e").resolve("brickworks");
        copy(Features.DISTRIBUTION, home);
        data = home.getParent().resolve("data");
        httpPort = freePort();
        sshPort = freePort();
    }

    @After
    public void stopPlatform() throws Exception {
        stop();
    }

    @Test
    public void startsWithEnvironmentSettingsAndAnswersRestAndShell() throws Exception {
        start();
        Path tokenFile = data.resolve("admin-token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
        String token = Files.readString(tokenFile).trim();
        assertEquals(200, get("/api/2.0/token/list", token));
        assertEquals(401, get("/api/2.0/token/list", null));

        Client status = client("bw:status");
        assertEquals(status.output, 0, status.exit);
        assertTrue(status.output, status.output.contains("Brickworks 0.1.0"));
        Client failing = client("bw:token-revoke", "nope");
        assertEquals(1, failing.exit);
        assertTrue(failing.output, failing.output.contains("Token nope does not exist"));
        Client refused = client("--token", "dapi00000000000000000000000000000000", "bw:status");
        assertNotEquals(0, refused.exit);

        stop();
        start();
        assertEquals("a restart keeps the token and writes no new one", token, Files.readString(tokenFile).trim());
        assertEquals(200, get("/api/2.0/token/list", token));
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
    public void databricksSdkImportsListsAndExportsNotebooksUnchanged() throws Exception {
        start();
        WorkspaceClient workspace = new WorkspaceClient(new DatabricksConfig()
                .setHost("http://127.0.0.1:" + httpPort)
                .setToken(Files.readString(data.resolve("admin-token")).trim()));
        byte[] source = WorkspaceIT.resource("sales.py");
        workspace.workspace().mkdirs("/Users/admin/sdk");
        workspace.workspace().importContent(new Import().setPath("/Users/admin/sdk/sales").setFormat(ImportFormat.SOURCE)
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

    /** The driver's pid, Brickworks' own field of {@code driver} (the SDK's model does not carry it). */
    private long driverPid(String clusterId) throws Exception {
        String token = Files.readString(data.resolve("admin-token")).trim();
        HttpResponse<String> response = HTTP.send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/2.0/clusters/get?cluster_id=" + clusterId))
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
        assertEquals(0, client("bw:users").exit);
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
        assertEquals(removed.output, 0, removed.exit);
        assertFalse(client("bw:runtimes").output.contains("17.3.x-scala2.13"));
        Client installed = client("bw:runtime-install", plugin.toString());
        assertEquals(installed.output, 0, installed.exit);
        assertTrue(installed.output, installed.output.contains("Installed org.brickworks.runtime.spark40 "));
        Client shipped = client("bw:runtime-remove", "15.4.x-scala2.12");
        assertEquals(shipped.output, 0, shipped.exit);

        stop();
        start();
        String runtimes = client("bw:runtimes").output;
        assertTrue(runtimes, runtimes.contains("17.3.x-scala2.13") && runtimes.contains("15.4.x-scala2.12"));
        assertTrue("17.3 is still the one installed from " + plugin, client("lb", "-l").output.contains(plugin.toUri()
                .toString()));
    }

    private void start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/brickworks").toString())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("platform.log").toFile()));
        environment(builder.environment());
        platform = builder.start();
        await("the platform's health check", () -> get("/api/2.0/health", null) == 200
                && Files.exists(data.resolve("admin-token")) && listening(sshPort));
    }

    private void stop() throws InterruptedException {
        if (platform != null && platform.isAlive()) {
            platform.destroy();
            if (!platform.waitFor(30, TimeUnit.SECONDS)) {
                platform.destroyForcibly();
                fail("the platform did not stop within 30 s of SIGTERM");
            }
        }
    }

    private void environment(Map<String, String> environment) {
        environment.put("BRICKWORKS_DATA", data.toString());
        environment.put("BRICKWORKS_HTTP_PORT", Integer.toString(httpPort));
        environment.put("BRICKWORKS_SSH_PORT", Integer.toString(sshPort));
        environment.remove("BRICKWORKS_TOKEN");
    }

    private record Client(int exit, String output) {
    }

    private Client client(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/brickworks-client").toString(), "--port",
                Integer.toString(sshPort), "--known-hosts", home.resolve("known_hosts").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        environment(builder.environment());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("the client finished", process.waitFor(60, TimeUnit.SECONDS));
        return new Client(process.exitValue(), output);
    }

    private String bundleList() {
        try {
            return client("lb", "-s").output;
        } catch (Exception e) {
            return "";
        }
    }

    private int get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            assertFalse("the platform exited while waiting for " + what, platform != null && !platform.isAlive());
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting for " + what);
            }
            Thread.sleep(50); // polling interval of a condition wait
        }
    }

    private static Path localRepository() {
        return Path.of(System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("user.home") + "/.m2/repository"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
