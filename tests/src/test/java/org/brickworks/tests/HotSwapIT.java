package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.CommandSession;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.brickworks.security.api.TokenService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.servlet.whiteboard.Preprocessor;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Updates bundles to a new build while REST clients keep calling: the security bundle (token service), and the REST
 * bundle itself (its servlet contexts and every route of Brickworks' areas). No call fails, no token is lost, and the
 * new build serves afterwards.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT extends ClusterTestSupport {
    private static final String NEW_VERSION = "0.1.0.zhotswap";
    private static final String OLD_TOKEN = "\"dapi\" + randomHex(16)";
    private static final String NEW_TOKEN = "\"dapi\" + randomHex(24)";
    private static final String REST = "org.brickworks.rest";
    private static final String STANDBY = "org.brickworks.rest.standby";

    @Test
    public void updatingTheTokenServiceUnderLoadFailsNoRequestAndLosesNothing() throws Exception {
        String before = created();
        assertEquals(36, before.length());
        ApiLoad load = new ApiLoad(4, n -> n % 10 == 0 ? postRequest("/api/2.0/token/create", "{\"comment\":\"swap\"}")
                : request("/api/2.0/token/list", admin).GET().build());
        load.awaitRequests(200);

        Bundle security = bundle("org.brickworks.security");
        NewBuild build = new NewBuild(Features.ROOT.resolve("bundles/org.brickworks.security/src/main/java"),
                "org.brickworks.security.internal.TokenValues", OLD_TOKEN, NEW_TOKEN);
        security.update(new ByteArrayInputStream(build.of(Path.of(URI.create(security.getLocation())), NEW_VERSION)));
        refresh(security);
        await("the new token service", () -> NEW_VERSION.equals(version(TokenService.class, null)));
        load.awaitRequests(load.requests.get() + 200);
        load.stop();

        assertTrue("failed requests during the update: " + load.failures, load.failures.isEmpty());
        assertEquals(200, get("/api/2.0/token/list", before).status());
        for (JsonNode answer : load.answers) {
            if (answer.has("token_value")) {
                assertEquals("token created during the update must survive it", 200,
                        get("/api/2.0/token/list", answer.path("token_value").asText()).status());
            }
        }
        String after = created();
        assertEquals("the new build makes longer tokens", 52, after.length());
        assertEquals(200, get("/api/2.0/token/list", after).status());
    }

    /**
     * While the REST bundle is updated and refreshed, its contexts and servlets are unregistered and registered again:
     * requests of that gap wait for their route instead of failing, Brickworks' own routes as well as a plugin's,
     * which stays registered while the context it selects goes and comes back. Then the bundle that holds them is
     * updated itself.
     */
    @Test
    public void updatingTheRestBundleUnderLoadFailsNoRequest() throws Exception {
        ServiceRegistration<Servlet> plugin = context.registerService(Servlet.class, new PluginServlet(),
                pluginProperties());
        try {
            await("the plugin's route", () -> status("/api/2.0/acme/ping") == 200);
            List<String> paths = List.of("/api/2.0/token/list", "/api/2.0/health", "/api/2.0/acme/ping",
                    "/api/2.1/clusters/spark-versions");
            ApiLoad load = new ApiLoad(4, n -> n % 10 == 0 ? postRequest("/api/2.0/token/create", "{}")
                    : request(paths.get(n % paths.size()), admin).GET().build());
            load.awaitRequests(200);
            Bundle rest = bundle(REST);
            for (int round = 1; round <= 3; round++) {
                String version = NEW_VERSION + round;
                int before = load.requests.get();
                long began = System.nanoTime();
                rest.update(new ByteArrayInputStream(
                        NewBuild.versioned(Path.of(URI.create(rest.getLocation())), version)));
                refresh(rest);
                await("the new REST bundle's routes", () -> version.equals(version(Servlet.class,
                        "(osgi.http.whiteboard.servlet.pattern=/api/2.0/token/*)")));
                System.out.printf("REST bundle update + refresh %d under 4 clients: %d ms, %d requests during it%n",
                        round, (System.nanoTime() - began) / 1_000_000, load.requests.get() - before);
                load.awaitRequests(load.requests.get() + 200);
            }
            Bundle standby = bundle(STANDBY);
            standby.update(new ByteArrayInputStream(
                    NewBuild.versioned(Path.of(URI.create(standby.getLocation())), NEW_VERSION)));
            refresh(standby);
            await("the new standby", () -> NEW_VERSION.equals(version(Preprocessor.class,
                    "(component.name=org.brickworks.rest.standby.internal.RouteStandby)")));
            load.awaitRequests(load.requests.get() + 200);
            load.stop();

            System.out.printf("REST bundle updates: %d requests, %d failed %s, the slowest took %d ms%n",
                    load.requests.get(), load.failures.size(), load.failureKinds(), load.slowest.get());
            assertTrue("failed requests during the updates: " + load.failures, load.failures.isEmpty());
        } finally {
            plugin.unregister();
        }
    }

    /**
     * Every service bundle of the platform, one after the other, is updated to a new build and refreshed while 4
     * clients call every area of the API: no call fails, no component of another bundle is restarted (SCR's DTOs keep
     * their ids and states, and no other bundle's component service is unregistered), the running cluster keeps its
     * driver and an execution context made before every update still runs a command after it, and an SSH session
     * opened at the start survives every update but the SSH bundle's own.
     */
    @Test
    public void updatingEveryServiceBundleUnderLoadFailsNoRequestAndRestartsNothingElse() throws Exception {
        String cluster = create("hot-swap");
        awaitRunning(cluster);
        long driver = pid(cluster);
        String sqlContext = sqlContext(cluster);
        assertEquals("Finished", runCommand(cluster, sqlContext, "SELECT 1").path("status").asText());
        String notebook = "/Shared/hot-swap";
        String source = java.util.Base64.getEncoder().encodeToString("# Databricks notebook source\n1".getBytes());
        assertEquals(200, post("/api/2.0/workspace/import", admin, JSON.createObjectNode().put("path", notebook)
                .put("format", "SOURCE").put("language", "PYTHON").put("overwrite", true).put("content", source)
                .toString()).status());
        List<String> reads = List.of("/api/2.0/token/list", "/api/2.0/clusters/list",
                "/api/2.0/clusters/get?cluster_id=" + cluster, "/api/2.0/workspace/list?path=/Shared",
                "/api/2.0/dbfs/list?path=/", "/api/2.0/libraries/all-cluster-statuses",
                "/api/2.0/notebooks/runs?path=" + notebook, "/api/2.0/instance-pools/list",
                "/api/2.1/clusters/spark-versions", "/api/2.0/preview/scim/v2/Me", "/api/2.0/health",
                "/api/2.0/workspace/get-status?path=" + notebook, "/api/2.0/dbfs/get-status?path=/");
        for (String path : reads) {
            assertEquals(path, 200, get(path, admin).status());
        }
        SshSession ssh = new SshSession(Integer.parseInt(context.getProperty(PlatformOptions.SSH_PORT)), admin);
        List<String> problems = new ArrayList<>();
        Map<String, String> table = new LinkedHashMap<>();
        ApiLoad load = new ApiLoad(4, n -> n % 25 == 0 ? postRequest("/api/2.0/dbfs/mkdirs", "{\"path\":\"/swap\"}")
                : request(reads.get(n % reads.size()), admin).GET().build());
        try {
            load.awaitRequests(200);
            int round = 0;
            for (String name : SERVICE_BUNDLES) {
                Bundle bundle = bundle(name);
                if (bundle.getHeaders("").get("Fragment-Host") != null) {
                    table.put(name, "fragment, not updated");
                    continue;
                }
                round++;
                String version = bundle.getVersion().getMajor() + "." + bundle.getVersion().getMinor() + "."
                        + bundle.getVersion().getMicro() + ".zswap" + round;
                Collection<Bundle> refreshed = context.getBundle(0).adapt(FrameworkWiring.class)
                        .getDependencyClosure(List.of(bundle));
                Set<Long> restartable = new HashSet<>();
                refreshed.forEach(b -> restartable.add(b.getBundleId()));
                Map<String, String> components = components(restartable);
                List<String> unregistered = new CopyOnWriteArrayList<>();
                ServiceListener listener = event -> {
                    ServiceReference<?> reference = event.getServiceReference();
                    if (event.getType() == ServiceEvent.UNREGISTERING
                            && reference.getProperty("component.name") != null
                            && !restartable.contains(reference.getBundle().getBundleId())) {
                        unregistered.add(reference.getProperty("component.name") + " of "
                                + reference.getBundle().getSymbolicName());
                    }
                };
                int failuresBefore = load.failures.size();
                int requestsBefore = load.requests.get();
                long began = System.nanoTime();
                context.addServiceListener(listener);
                ComponentWatch watch = new ComponentWatch(restartable);
                Path jar = Files.createTempFile("hot-swap", ".jar");
                try {
                    Files.write(jar, NewBuild.versioned(Path.of(URI.create(bundle.getLocation())), version));
                    // As an administrator does it (docs/hot-swap.md): Gogo's update, then a refresh. (The console
                    // turns an id into its bundle with gogo.jline's converter, which the tests leave out.)
                    gogo("update $bundle " + jar.toUri(), bundle);
                    refresh(bundle);
                    Bundle updated = bundle(name);
                    await(name + " active again", () -> updated.getState() == Bundle.ACTIVE
                            && version.equals(updated.getVersion().toString()) && componentsUp(updated));
                    long millis = (System.nanoTime() - began) / 1_000_000;
                    load.awaitRequests(load.requests.get() + 100);
                    context.removeServiceListener(listener);
                    List<String> bundleProblems = new ArrayList<>();
                    if (!watch.stop().isEmpty()) {
                        bundleProblems.add("other bundles' components went down: " + watch.down);
                    }
                    if (!unregistered.isEmpty()) {
                        bundleProblems.add("other bundles' services went away: " + unregistered);
                    }
                    Map<String, String> after = components(restartable);
                    if (!after.equals(components)) {
                        bundleProblems.add("other bundles' components changed: " + difference(components, after));
                    }
                    if (!"RUNNING".equals(state(cluster)) || pid(cluster) != driver) {
                        bundleProblems.add("the cluster did not survive: " + cluster(cluster));
                    }
                    JsonNode command = runCommand(cluster, sqlContext, "SELECT " + round);
                    if (!"Finished".equals(command.path("status").asText())) {
                        bundleProblems.add("the context made before no longer runs a command: " + command);
                    }
                    String sshAnswer = ssh.run("bw:users");
                    boolean sshSurvives = !name.equals("org.brickworks.shell.ssh");
                    if (sshSurvives && !sshAnswer.contains("admin")) {
                        bundleProblems.add("the SSH session did not survive: " + sshAnswer);
                    }
                    if (!sshSurvives) {
                        ssh.close();
                        ssh = new SshSession(Integer.parseInt(context.getProperty(PlatformOptions.SSH_PORT)), admin);
                        if (!ssh.run("bw:users").contains("admin")) {
                            bundleProblems.add("a new SSH session after the update does not work");
                        }
                    }
                    int requests = load.requests.get() - requestsBefore;
                    int failed = load.failures.size() - failuresBefore;
                    if (failed > 0) {
                        bundleProblems.add(failed + " requests failed: "
                                + load.failures.stream().skip(failuresBefore).limit(5).toList());
                    }
                    table.put(name, String.format("%6d requests %3d failed  %5d ms  refreshed %d bundle(s)%s",
                            requests, failed, millis, refreshed.size(), bundleProblems.isEmpty() ? "" : "  PROBLEM"));
                    bundleProblems.forEach(problem -> problems.add(name + ": " + problem));
                } finally {
                    context.removeServiceListener(listener);
                    watch.stop();
                    Files.deleteIfExists(jar);
                }
            }
        } finally {
            load.stop();
            ssh.close();
        }
        System.out.println("Hot swap of every service bundle under 4 REST clients:");
        table.forEach((name, row) -> System.out.printf("  %-36s %s%n", name, row));
        System.out.printf("  %-36s %6d requests %3d failed %s%n", "all", load.requests.get(), load.failures.size(),
                load.failureKinds());
        assertTrue("hot swap problems:\n" + String.join("\n", problems), problems.isEmpty());
    }

    /** Every bundle holding the platform's services (not an API bundle), in an order that starts at the bottom. */
    private static final List<String> SERVICE_BUNDLES = List.of("org.brickworks.logging", "org.brickworks.core",
            "org.brickworks.store", "org.brickworks.security", "org.brickworks.audit", "org.brickworks.libraries",
            "org.brickworks.runtimes", "org.brickworks.runtime.spark35", "org.brickworks.runtime.spark40",
            "org.brickworks.clusters", "org.brickworks.clusters.local", "org.brickworks.clusters.standalone",
            "org.brickworks.execution", "org.brickworks.metastore", "org.brickworks.workspace",
            "org.brickworks.notebooks", "org.brickworks.jobs", "org.brickworks.secrets", "org.brickworks.permissions",
            "org.brickworks.dbfs",
            "org.brickworks.dbfs.azure",
            "org.brickworks.rest",
            "org.brickworks.rest.standby", "org.brickworks.shell", "org.brickworks.shell.ssh");

    /**
     * The component configurations of the platform's bundles but {@code except}, by bundle and name: their id and
     * state as SCR reports them.
     */
    private Map<String, String> components(Set<Long> except) {
        Map<String, String> components = new TreeMap<>();
        for (ComponentDescriptionDTO description : scr().getComponentDescriptionDTOs()) {
            if (except.contains(description.bundle.id)
                    || !description.bundle.symbolicName.startsWith("org.brickworks.")) {
                continue;
            }
            StringBuilder configurations = new StringBuilder();
            for (ComponentConfigurationDTO configuration : scr().getComponentConfigurationDTOs(description)) {
                configurations.append(" id ").append(configuration.id).append(' ').append(up(configuration) ? "up"
                        : configuration.state);
            }
            components.put(description.bundle.symbolicName + "/" + description.name, configurations.toString());
        }
        return components;
    }

    /** Active, or satisfied and waiting for its first user (a delayed component): not restarting. */
    private static boolean up(ComponentConfigurationDTO configuration) {
        return configuration.state == ComponentConfigurationDTO.ACTIVE
                || configuration.state == ComponentConfigurationDTO.SATISFIED;
    }

    /**
     * Polls SCR's DTOs while an update runs and keeps every component of the other bundles seen neither active nor
     * satisfied: one restarted because a reference of it went away with the updated bundle.
     */
    private final class ComponentWatch {
        final Set<String> down = new ConcurrentSkipListSet<>();
        private final Set<String> wereUp = new HashSet<>();
        private final Set<Long> except;
        private volatile boolean running = true;
        private final Thread thread;

        ComponentWatch(Set<Long> except) {
            this.except = except;
            look(true);
            thread = new Thread(this::poll, "component-watch");
            thread.setDaemon(true);
            thread.start();
        }

        private void poll() {
            while (running) {
                look(false);
                try {
                    Thread.sleep(2); // polling interval of a watch, not a delay anything waits for
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void look(boolean first) {
            ServiceComponentRuntime scr = scr();
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
                if (except.contains(description.bundle.id)
                        || !description.bundle.symbolicName.startsWith("org.brickworks.")) {
                    continue;
                }
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    String name = description.name + " " + configuration.id + " of " + description.bundle.symbolicName;
                    if (first && up(configuration)) {
                        wereUp.add(name);
                    } else if (!up(configuration) && wereUp.contains(name)) {
                        down.add(name + " (state " + configuration.state + ")");
                    }
                }
            }
        }

        Set<String> stop() throws InterruptedException {
            running = false;
            thread.join();
            return down;
        }
    }

    /** Whether every enabled component of {@code bundle} is satisfied or active. */
    private boolean componentsUp(Bundle bundle) {
        for (ComponentDescriptionDTO description : scr().getComponentDescriptionDTOs(bundle)) {
            if (!scr().isComponentEnabled(description)) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr().getComponentConfigurationDTOs(description)) {
                if (!up(configuration)) {
                    return false;
                }
            }
        }
        return true;
    }

    private ServiceComponentRuntime scr() {
        return context.getService(context.getServiceReference(ServiceComponentRuntime.class));
    }

    private static String difference(Map<String, String> before, Map<String, String> after) {
        List<String> changes = new ArrayList<>();
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            if (!Objects.equals(before.get(name), after.get(name))) {
                changes.add(name + ":" + before.get(name) + " ->" + after.get(name));
            }
        }
        return String.join(", ", changes);
    }

    /** One SSH session kept open across updates; each {@link #run} is a new exec channel in it. */
    private static final class SshSession implements AutoCloseable {
        private final SshClient client = SshClient.setUpDefaultClient();
        private final ClientSession session;

        SshSession(int port, String token) throws IOException {
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            client.start();
            await("the SSH port", () -> {
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
            session = client.connect("token", "127.0.0.1", port).verify(Duration.ofSeconds(30)).getSession();
            session.addPasswordIdentity(token);
            session.auth().verify(Duration.ofSeconds(30));
        }

        /** What {@code command} printed, or the failure as text. */
        String run(String command) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ClientChannel channel = session.createExecChannel(command)) {
                channel.setOut(out);
                channel.setErr(out);
                channel.open().verify(Duration.ofSeconds(30));
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(60));
                return out.toString(StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                return e.toString();
            }
        }

        @Override
        public void close() throws IOException {
            session.close();
            client.stop();
        }
    }

    /** A third party's servlet in the {@code brickworks} context. */
    static final class PluginServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("application/json");
            response.getWriter().write("{\"user\": \"" + request.getRemoteUser() + "\"}");
        }
    }

    private static Dictionary<String, Object> pluginProperties() {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("osgi.http.whiteboard.servlet.pattern", "/api/2.0/acme/*");
        properties.put("osgi.http.whiteboard.context.select", "(osgi.http.whiteboard.context.name=brickworks)");
        return properties;
    }

    private HttpRequest postRequest(String path, String body) {
        return request(path, admin).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private int status(String path) {
        try {
            return get(path, admin).status();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String created() throws Exception {
        return post("/api/2.0/token/create", admin, "{\"comment\":\"hot swap\"}").body().path("token_value").asText();
    }

    /** Runs a Gogo command in a fresh session where {@code $bundle} is {@code bundle}. */
    private void gogo(String command, Bundle bundle) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
                CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), print, print)) {
            session.put("bundle", bundle);
            session.execute(command);
        }
    }

    private void refresh(Bundle bundle) throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue("refresh finished", refreshed.await(60, TimeUnit.SECONDS));
    }

    /** The version of the bundle registering the first {@code type} service matching {@code filter}. */
    private String version(Class<?> type, String filter) {
        try {
            ServiceReference<?>[] references = context.getServiceReferences(type.getName(), filter);
            return references == null ? null : references[0].getBundle().getVersion().toString();
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
