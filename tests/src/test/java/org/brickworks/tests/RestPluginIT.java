package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.brickworks.rest.api.ApiParams;
import org.brickworks.rest.api.ApiServlet;
import org.brickworks.rest.api.Route;
import org.brickworks.security.api.dto.User;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A third party's endpoint: a plain servlet registered on the HTTP whiteboard in the {@code brickworks} context is
 * authenticated for free and sees its caller, and goes away with its registration; one built on the typed layer
 * ({@link ApiServlet}) binds its own records.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RestPluginIT extends PlatformTestSupport {
    private static final String CALLER = "org.brickworks.rest.api.caller";

    /** What a plugin writes: a servlet and nothing of Brickworks but the name of the attribute it reads. */
    static final class AcmeServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (request.getPathInfo().equals("/refuse")) {
                response.sendError(403, "Acme says no");
                return;
            }
            response.setContentType("application/json");
            String caller = request.getAttribute(CALLER) instanceof User user ? user.userName() : null;
            response.getWriter().write("{\"remote_user\": \"" + request.getRemoteUser() + "\", \"auth_type\": \""
                    + request.getAuthType() + "\", \"caller\": \"" + caller + "\", \"path\": \""
                    + request.getPathInfo() + "\"}");
        }
    }

    /** A plugin on the typed layer. */
    static final class Greeter extends ApiServlet {
        private static final long serialVersionUID = 1L;

        record Greet(String name) {
            Greet {
                ApiParams.required(name, "name");
            }
        }

        record Greeting(String text, String userName) {
        }

        @Override
        protected List<Route<?>> routes() {
            return List.of(Route.post("greeter/greet", Greet.class,
                    call -> new Greeting("Hello " + call.params().name(), call.caller().userName())));
        }
    }

    @Test
    public void aPlainServletInTheBrickworksContextIsAnAuthenticatedEndpointUntilItGoes() throws Exception {
        ServiceRegistration<Servlet> acme = register(new AcmeServlet(), "/api/2.0/acme/*");
        try {
            await("the plugin's route", () -> status(request("/api/2.0/acme/hello", admin).GET()) == 200);

            assertError(get("/api/2.0/acme/hello", null), 401, "UNAUTHENTICATED");
            assertError(get("/api/2.0/acme/hello", "dapi00000000000000000000000000000000"), 401, "UNAUTHENTICATED");
            Answer hello = get("/api/2.0/acme/hello", admin);
            assertEquals("admin", hello.body().path("remote_user").asText());
            assertEquals("Bearer", hello.body().path("auth_type").asText());
            assertEquals("admin", hello.body().path("caller").asText());
            assertEquals("/hello", hello.body().path("path").asText());
            Answer basic = send(request("/api/2.0/acme/hello", null).header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(("token:" + admin).getBytes(StandardCharsets.UTF_8)))
                    .GET().build());
            assertEquals("BASIC", basic.body().path("auth_type").asText());
            assertError(get("/api/2.0/acme/refuse", admin), 403, "PERMISSION_DENIED");
        } finally {
            acme.unregister();
        }
        await("the plugin's route to go", () -> status(request("/api/2.0/acme/hello", admin).GET()) == 404);
        assertError(get("/api/2.0/acme/hello", admin), 404, "ENDPOINT_NOT_FOUND");
    }

    @Test
    public void aPluginOnTheTypedLayerBindsItsOwnRecords() throws Exception {
        ServiceRegistration<Servlet> greeter = register(new Greeter(), "/api/2.0/greeter/*");
        try {
            await("the plugin's route", () -> status(request("/api/2.0/greeter/greet", admin)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"ada\"}"))) == 200);

            Answer greeting = post("/api/2.0/greeter/greet", admin, "{\"name\": \"ada\"}");
            assertEquals(200, greeting.status());
            assertEquals("Hello ada", greeting.body().path("text").asText());
            assertEquals("admin", greeting.body().path("user_name").asText());
            assertError(post("/api/2.0/greeter/greet", admin, "{}"), 400, "INVALID_PARAMETER_VALUE");
            assertError(post("/api/2.0/greeter/other", admin, "{}"), 404, "ENDPOINT_NOT_FOUND");
        } finally {
            greeter.unregister();
        }
    }

    private ServiceRegistration<Servlet> register(Servlet servlet, String pattern) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("osgi.http.whiteboard.servlet.pattern", pattern);
        properties.put("osgi.http.whiteboard.context.select", "(osgi.http.whiteboard.context.name=brickworks)");
        return context.registerService(Servlet.class, servlet, properties);
    }

    private int status(HttpRequest.Builder request) {
        try {
            return send(request.build()).status();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void assertError(Answer answer, int status, String errorCode) {
        assertEquals(answer.body().toString(), status, answer.status());
        assertEquals(answer.body().toString(), errorCode, answer.errorCode());
        assertTrue(answer.body().path("message").asText().length() > 5);
    }
}
