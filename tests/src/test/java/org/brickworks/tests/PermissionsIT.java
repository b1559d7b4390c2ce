package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.servlet.Servlet;

/**
 * Databricks' Permissions API and its enforcement over real HTTP: the levels of clusters, pools, jobs and workspace
 * objects, owners, inheritance down the folder tree, filtered lists, {@code run_as}, the token permission, and, for
 * every route the platform has registered (a plugin's included), that a user without {@code workspace-access} is
 * refused without a change to the store, and that missing, revoked, expired and disabled users' tokens are refused.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PermissionsIT extends PlatformTestSupport {
    private static final String SCIM = "/api/2.0/preview/scim/v2/";
    private static final String PERMISSIONS = "/api/2.0/permissions/";
    private static boolean prepared;
    private static String alice;
    private static String bob;

    /**
     * Once per class: the group {@code users} loses {@code workspace-access} (alice and bob get it directly, mallory
     * never has it), and only administrators may create tokens.
     */
    @Before
    public void prepare() throws Exception {
        if (prepared) {
            return;
        }
        String users = get(SCIM + "Groups?filter=displayName%20eq%20%22users%22", admin).body().path("Resources")
                .path(0).path("id").asText();
        Answer patched = call("PATCH", SCIM + "Groups/" + users, admin, "{\"schemas\": [\"urn:ietf:params:scim:api:"
                + "messages:2.0:PatchOp\"], \"Operations\": [{\"op\": \"remove\", \"path\":"
                + " \"entitlements[value eq \\\"workspace-access\\\"]\"}]}");
        assertEquals(patched.body().toString(), 200, patched.status());
        alice = tokenOf(createUser("alice@example.com", "workspace-access", "allow-cluster-create"));
        bob = tokenOf(createUser("bob@example.com", "workspace-access"));
        createUser("mallory@example.com");
        Answer tokens = call("PUT", PERMISSIONS + "authorization/tokens", admin,
                "{\"access_control_list\": [{\"user_name\": \"alice@example.com\", \"permission_level\": \"CAN_USE\"}]}");
        assertEquals(tokens.body().toString(), 200, tokens.status());
        prepared = true;
    }

    private Answer call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = request(path, token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return send(request.build());
    }

    private String createUser(String name, String... entitlements) throws Exception {
        List<String> values = new ArrayList<>();
        for (String entitlement : entitlements) {
            values.add("{\"value\": \"" + entitlement + "\"}");
        }
        Answer created = post(SCIM + "Users", admin, "{\"userName\": \"" + name + "\", \"entitlements\": ["
                + String.join(", ", values) + "]}");
        assertEquals(created.body().toString(), 201, created.status());
        return name;
    }

    /** A token of {@code user}, made on the local console as an administrator does. */
    private String tokenOf(String user, long lifetimeSeconds) throws Exception {
        return shell("bw:token-create --user " + user + " --lifetime " + lifetimeSeconds + " it").lines().findFirst()
                .orElseThrow().trim();
    }

    private String tokenOf(String user) throws Exception {
        return tokenOf(user, 0);
    }

    private static void assertDenied(Answer answer) {
        assertEquals(answer.body().toString(), 403, answer.status());
        assertEquals(answer.body().toString(), "PERMISSION_DENIED", answer.errorCode());
    }

    private static String importBody(String path) {
        return "{\"path\": \"" + path + "\", \"format\": \"SOURCE\", \"language\": \"PYTHON\", \"overwrite\": true,"
                + " \"content\": \"" + Base64.getEncoder().encodeToString("print(1)\n".getBytes(StandardCharsets.UTF_8))
                + "\"}";
    }

    private static List<String> paths(Answer listing) {
        List<String> paths = new ArrayList<>();
        listing.body().path("objects").forEach(o -> paths.add(o.path("path").asText()));
        return paths;
    }

    /** Each principal's first level, {@code name/level/inherited/inherited_from_object}. */
    private static Set<String> entries(JsonNode permissions) {
        Set<String> entries = new LinkedHashSet<>();
        for (JsonNode acl : permissions.path("access_control_list")) {
            String name = acl.path("user_name").asText(acl.path("group_name").asText(
                    acl.path("service_principal_name").asText()));
            for (JsonNode level : acl.path("all_permissions")) {
                entries.add(name + "/" + level.path("permission_level").asText() + "/"
                        + level.path("inherited").asBoolean() + "/"
                        + (level.has("inherited_from_object") ? level.path("inherited_from_object") : "null"));
            }
        }
        return entries;
    }

    @Test
    public void workspaceObjectsInheritDownTheTreeAndListsShowOnlyWhatAUserMayRead() throws Exception {
        assertEquals(200, post("/api/2.0/workspace/mkdirs", alice, "{\"path\": \"/Users/alice@example.com/proj\"}")
                .status());
        assertEquals(200, post("/api/2.0/workspace/import", alice, importBody("/Users/alice@example.com/proj/nb"))
                .status());
        JsonNode home = get("/api/2.0/workspace/get-status?path=/Users/alice@example.com", alice).body();
        JsonNode proj = get("/api/2.0/workspace/get-status?path=/Users/alice@example.com/proj", alice).body();
        JsonNode nb = get("/api/2.0/workspace/get-status?path=/Users/alice@example.com/proj/nb", alice).body();

        assertDenied(get("/api/2.0/workspace/list?path=/Users/alice@example.com", bob));
        assertDenied(get("/api/2.0/workspace/export?path=/Users/alice@example.com/proj/nb", bob));
        assertDenied(post("/api/2.0/workspace/mkdirs", bob, "{\"path\": \"/Users/alice@example.com/x\"}"));
        assertFalse(paths(get("/api/2.0/workspace/list?path=/Users", bob)).contains("/Users/alice@example.com"));
        assertTrue(paths(get("/api/2.0/workspace/list?path=/", bob)).contains("/Users"));

        Answer granted = call("PATCH", PERMISSIONS + "directories/" + proj.path("object_id").asText(), alice,
                "{\"access_control_list\": [{\"user_name\": \"bob@example.com\", \"permission_level\": \"CAN_READ\"}]}");
        assertEquals(granted.body().toString(), 200, granted.status());
        assertEquals(List.of("/Users/alice@example.com/proj/nb"),
                paths(get("/api/2.0/workspace/list?path=/Users/alice@example.com/proj", bob)));
        assertEquals(200, get("/api/2.0/workspace/export?path=/Users/alice@example.com/proj/nb", bob).status());
        assertDenied(post("/api/2.0/workspace/import", bob, importBody("/Users/alice@example.com/proj/nb")));
        assertDenied(post("/api/2.0/workspace/delete", bob, "{\"path\": \"/Users/alice@example.com/proj/nb\"}"));
        assertDenied(call("PATCH", PERMISSIONS + "notebooks/" + nb.path("object_id").asText(), bob,
                "{\"access_control_list\": [{\"user_name\": \"bob@example.com\", \"permission_level\": \"CAN_MANAGE\"}]}"));

        Answer permissions = get(PERMISSIONS + "notebooks/" + nb.path("object_id").asText(), alice);
        assertEquals(200, permissions.status());
        assertEquals("/notebooks/" + nb.path("object_id").asText(), permissions.body().path("object_id").asText());
        assertEquals("notebook", permissions.body().path("object_type").asText());
        String users = get("/api/2.0/workspace/get-status?path=/Users", admin).body().path("object_id").asText();
        // alice made the notebook and owns the folders above it; admin owns /Users; bob reads the project folder
        assertEquals(Set.of("alice@example.com/CAN_MANAGE/false/null",
                "alice@example.com/CAN_MANAGE/true/[\"/directories/" + proj.path("object_id").asText() + "\"]",
                "alice@example.com/CAN_MANAGE/true/[\"/directories/" + home.path("object_id").asText() + "\"]",
                "bob@example.com/CAN_READ/true/[\"/directories/" + proj.path("object_id").asText() + "\"]",
                "admin/CAN_MANAGE/true/[\"/directories/" + users + "\"]", "admins/CAN_MANAGE/true/[\"/notebooks/\"]"),
                entries(permissions.body()));
        JsonNode levels = get(PERMISSIONS + "notebooks/" + nb.path("object_id").asText() + "/permissionLevels", bob)
                .body().path("permission_levels");
        assertEquals(4, levels.size());
        assertEquals("CAN_READ", levels.path(0).path("permission_level").asText());

        Answer badLevel = call("PATCH", PERMISSIONS + "notebooks/" + nb.path("object_id").asText(), alice,
                "{\"access_control_list\": [{\"user_name\": \"bob@example.com\", \"permission_level\": \"CAN_FLY\"}]}");
        assertEquals(400, badLevel.status());
        assertEquals("INVALID_PARAMETER_VALUE", badLevel.errorCode());
        Answer nobody = call("PUT", PERMISSIONS + "notebooks/" + nb.path("object_id").asText(), alice,
                "{\"access_control_list\": [{\"user_name\": \"nobody@example.com\", \"permission_level\": \"CAN_RUN\"}]}");
        assertEquals(400, nobody.status());
        assertEquals(404, get(PERMISSIONS + "notebooks/999999", alice).status());
        assertEquals(404, get(PERMISSIONS + "dashboards/1", alice).status());
        // nothing of the refused PUT was written: bob still reads, and only reads
        assertEquals(200, get("/api/2.0/workspace/export?path=/Users/alice@example.com/proj/nb", bob).status());
    }

    @Test
    public void jobsHaveOneOwnerAndRunAsWhomAnAdministratorSays() throws Exception {
        String settings = "{\"name\": \"owned\", \"tasks\": [{\"task_key\": \"check\", \"condition_task\":"
                + " {\"op\": \"EQUAL_TO\", \"left\": \"1\", \"right\": \"1\"}}]}";
        long jobId = post("/api/2.1/jobs/create", alice, settings).body().path("job_id").asLong();

        assertDenied(get("/api/2.1/jobs/get?job_id=" + jobId, bob));
        assertDenied(post("/api/2.1/jobs/run-now", bob, "{\"job_id\": " + jobId + "}"));
        assertFalse(get("/api/2.1/jobs/list", bob).body().path("jobs").toString().contains("\"owned\""));
        assertTrue(entries(get(PERMISSIONS + "jobs/" + jobId, alice).body())
                .contains("alice@example.com/IS_OWNER/false/null"));

        assertEquals(200,
                call("PATCH", PERMISSIONS + "jobs/" + jobId, alice, "{\"access_control_list\": [{\"user_name\":"
                        + " \"bob@example.com\", \"permission_level\": \"CAN_MANAGE_RUN\"}]}").status());
        assertTrue(get("/api/2.1/jobs/list", bob).body().path("jobs").toString().contains("\"owned\""));
        long runId = post("/api/2.1/jobs/run-now", bob, "{\"job_id\": " + jobId + "}").body().path("run_id").asLong();
        await("the run to end", () -> {
            try {
                return get("/api/2.1/jobs/runs/get?run_id=" + runId, bob).body().path("state").has("result_state");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals("alice@example.com",
                get("/api/2.1/jobs/runs/get?run_id=" + runId, bob).body().path("run_as_user_name").asText());
        assertDenied(post("/api/2.1/jobs/reset", bob, "{\"job_id\": " + jobId + ", \"new_settings\": " + settings
                + "}"));

        String runAsBob = settings.replace("\"name\": \"owned\"",
                "\"name\": \"owned\", \"run_as\": {\"user_name\": \"bob@example.com\"}");
        assertDenied(post("/api/2.1/jobs/reset", alice, "{\"job_id\": " + jobId + ", \"new_settings\": " + runAsBob
                + "}"));
        assertEquals(200, post("/api/2.1/jobs/reset", admin, "{\"job_id\": " + jobId + ", \"new_settings\": "
                + runAsBob + "}").status());
        assertEquals("bob@example.com",
                get("/api/2.1/jobs/get?job_id=" + jobId, alice).body().path("run_as_user_name").asText());

        assertEquals(200,
                call("PATCH", PERMISSIONS + "jobs/" + jobId, admin, "{\"access_control_list\": [{\"user_name\":"
                        + " \"bob@example.com\", \"permission_level\": \"IS_OWNER\"}]}").status());
        assertDenied(get("/api/2.1/jobs/get?job_id=" + jobId, alice));
        assertEquals(200, post("/api/2.1/jobs/delete", bob, "{\"job_id\": " + jobId + "}").status());
    }

    @Test
    public void clustersAndPoolsAnswerOnlyToTheirLevels() throws Exception {
        assertDenied(post("/api/2.0/clusters/create", bob, "{\"cluster_name\": \"b\", \"spark_version\": \""
                + ClusterTestSupport.SPARK35 + "\"}"));
        String pool = post("/api/2.0/instance-pools/create", admin, "{\"instance_pool_name\": \"p\", \"node_type_id\":"
                + " \"local-small\", \"min_idle_instances\": 0, \"max_capacity\": 1}").body().path("instance_pool_id")
                .asText();
        assertDenied(post("/api/2.0/clusters/create", alice, "{\"cluster_name\": \"a\", \"spark_version\": \""
                + ClusterTestSupport.SPARK35 + "\", \"instance_pool_id\": \"" + pool + "\"}"));
        assertEquals(0, get("/api/2.0/instance-pools/list", alice).body().path("instance_pools").size());

        String cluster = post("/api/2.0/clusters/create", alice, "{\"cluster_name\": \"alices\", \"spark_version\": \""
                + ClusterTestSupport.SPARK35 + "\", \"autotermination_minutes\": 10}").body().path("cluster_id")
                .asText();
        try {
            assertEquals("alice@example.com",
                    get("/api/2.0/clusters/get?cluster_id=" + cluster, alice).body().path("creator_user_name")
                            .asText());
            assertDenied(get("/api/2.0/clusters/get?cluster_id=" + cluster, bob));
            assertDenied(post("/api/2.0/clusters/delete", bob, "{\"cluster_id\": \"" + cluster + "\"}"));
            assertDenied(post("/api/2.0/libraries/install", bob, "{\"cluster_id\": \"" + cluster + "\", \"libraries\":"
                    + " [{\"pypi\": {\"package\": \"six\"}}]}"));
            assertFalse(get("/api/2.0/clusters/list", bob).body().toString().contains(cluster));

            assertEquals(200, call("PATCH", PERMISSIONS + "clusters/" + cluster, alice, "{\"access_control_list\":"
                    + " [{\"user_name\": \"bob@example.com\", \"permission_level\": \"CAN_ATTACH_TO\"}]}").status());
            assertTrue(get("/api/2.0/clusters/list", bob).body().toString().contains(cluster));
            assertEquals(200, get("/api/2.0/clusters/get?cluster_id=" + cluster, bob).status());
            assertDenied(post("/api/2.0/clusters/delete", bob, "{\"cluster_id\": \"" + cluster + "\"}"));
            assertEquals(Set.of("alice@example.com/CAN_MANAGE/false/null", "bob@example.com/CAN_ATTACH_TO/false/null",
                    "admins/CAN_MANAGE/true/[\"/clusters/\"]"),
                    entries(get(PERMISSIONS + "clusters/" + cluster, bob).body()));
        } finally {
            assertEquals(200, post("/api/2.0/clusters/permanent-delete", alice, "{\"cluster_id\": \"" + cluster + "\"}")
                    .status());
            post("/api/2.0/instance-pools/delete", admin, "{\"instance_pool_id\": \"" + pool + "\"}");
        }
        assertEquals(404, get(PERMISSIONS + "clusters/" + cluster, admin).status());
    }

    @Test
    public void everyRouteRefusesAUserWithoutWorkspaceAccessAndChangesNothing() throws Exception {
        ServiceRegistration<Servlet> plugin = Routes.registerPlugin(context);
        try {
            await("the plugin's route", () -> status("GET", Routes.PLUGIN_ROUTE, admin) == 200);
            String mallory = tokenOf("mallory@example.com");
            List<Routes.Endpoint> routes = Routes.of(context);
            assertTrue(routes.toString(), routes.size() > 60);
            assertTrue(routes.stream().anyMatch(r -> r.path().equals(Routes.PLUGIN_ROUTE)));
            Map<String, List<String>> before = StoreSnapshot.of(context);
            for (Routes.Endpoint route : routes) {
                int status = status(route.method(), route.path(), mallory);
                boolean own = route.path().startsWith("/api/2.0/token/") || route.path().endsWith("/Me");
                assertTrue(route + " answered " + status, own ? status < 500 : status == 403);
            }
            assertEquals(before, StoreSnapshot.of(context));
        } finally {
            plugin.unregister();
        }
    }

    @Test
    public void everyRouteRefusesMissingRevokedExpiredAndDisabledUsersTokens() throws Exception {
        createUser("gone@example.com", "workspace-access");
        String disabled = tokenOf("gone@example.com");
        String revoked = tokenOf("bob@example.com");
        String revokedId = get("/api/2.0/token/list", revoked).body().path("token_infos").findValues("token_id")
                .stream().map(JsonNode::asText).reduce((a, b) -> b).orElseThrow();
        assertEquals(200, post("/api/2.0/token/delete", revoked, "{\"token_id\": \"" + revokedId + "\"}").status());
        String expired = tokenOf("bob@example.com", 1);
        String gone = get(SCIM + "Users?filter=userName%20eq%20%22gone@example.com%22", admin).body()
                .path("Resources").path(0).path("id").asText();
        assertEquals(200, call("PATCH", SCIM + "Users/" + gone, admin, "{\"schemas\": [\"urn:ietf:params:scim:api:"
                + "messages:2.0:PatchOp\"], \"Operations\": [{\"op\": \"replace\", \"path\": \"active\", \"value\":"
                + " false}]}").status());
        Thread.sleep(1500); // the expired token's second passes
        for (Routes.Endpoint route : Routes.of(context)) {
            for (String token : new String[] { null, "dapi-not-a-token", revoked, expired, disabled }) {
                assertEquals(route.toString(), 401, status(route.method(), route.path(), token));
            }
        }
    }

    /**
     * The status {@code method} on {@code path} answers. A refusal closes the connection when a body was sent and not
     * read; the client finds that out only on its next request on the connection, which is then sent again.
     */
    private int status(String method, String path, String token) {
        for (int attempt = 1;; attempt++) {
            try {
                return attempt(method, path, token);
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof java.io.IOException) || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private int attempt(String method, String path, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .header("Content-Type", "application/json")
                    .method(method, method.equals("GET") || method.equals("DELETE")
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(GENERIC_BODY));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return HTTP.send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    /** A body naming an object of each kind, so that routes get past their own checks of required fields. */
    private static final String GENERIC_BODY = "{\"cluster_id\": \"c\", \"job_id\": 1, \"run_id\": 1, \"path\":"
            + " \"/Users/admin/x\", \"instance_pool_id\": \"p\", \"scope\": \"s\", \"key\": \"k\", \"name\": \"n\","
            + " \"cluster_name\": \"n\", \"spark_version\": \"15.4.x-scala2.12\", \"content\": \"\", \"libraries\":"
            + " [{\"jar\": \"dbfs:/x.jar\"}], \"contents\": \"\", \"handle\": 1, \"data\": \"\", \"token_id\": \"t\"}";
}
