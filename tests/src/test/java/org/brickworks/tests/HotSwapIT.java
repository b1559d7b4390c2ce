package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.brickworks.security.api.TokenService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.FrameworkWiring;
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
public class HotSwapIT extends PlatformTestSupport {
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
            await("the new standby", () -> NEW_VERSION.equals(version(Preprocessor.class, null)));
            load.awaitRequests(load.requests.get() + 200);
            load.stop();

            System.out.printf("REST bundle updates: %d requests, %d failed %s, the slowest took %d ms%n",
                    load.requests.get(), load.failures.size(), load.failureKinds(), load.slowest.get());
            assertTrue("failed requests during the updates: " + load.failures, load.failures.isEmpty());
        } finally {
            plugin.unregister();
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

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
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
