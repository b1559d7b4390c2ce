package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

import org.brickworks.security.api.UserService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Databricks' SCIM API and Token Management API over real HTTP, as the SDKs and Terraform call them: users, groups and
 * service principals, their lists (filter, paging, attributes, sort), PATCH, admin-only changes, SCIM's error shape,
 * disabled users, passwords and tokens made on behalf of service principals.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ScimIT extends PlatformTestSupport {
    private static final String SCIM = "/api/2.0/preview/scim/v2/";

    private Answer call(String method, String path, String token, String body) throws Exception {
        return send(request(path, token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private String createUser(String name) throws Exception {
        Answer created = post(SCIM + "Users", admin, "{\"userName\": \"" + name + "\", \"displayName\": \"" + name
                + "\", \"entitlements\": [{\"value\": \"allow-cluster-create\"}]}");
        assertEquals(created.body().toString(), 201, created.status());
        return created.body().path("id").asText();
    }

    /** A token of {@code user}, made on the local console as an administrator does. */
    private String tokenOf(String user) throws Exception {
        return shell("bw:token-create --user " + user + " it").lines().findFirst().orElseThrow().trim();
    }

    private static List<String> values(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.path(field).asText()));
        return values;
    }

    @Test
    public void userIsCreatedReadFilteredPatchedReplacedAndDeleted() throws Exception {
        String id = createUser("ada@example.com");

        Answer got = get(SCIM + "Users/" + id, admin);
        assertEquals(200, got.status());
        assertEquals("ada@example.com", got.body().path("userName").asText());
        assertTrue(got.body().path("active").asBoolean());
        assertEquals(List.of("allow-cluster-create"), values(got.body().path("entitlements"), "value"));
        assertEquals(List.of("users"), values(got.body().path("groups"), "display"));

        Answer found = get(SCIM + "Users?filter=userName%20eq%20%22ADA@example.com%22", admin);
        assertEquals(1, found.body().path("totalResults").asInt());
        assertEquals(id, found.body().path("Resources").path(0).path("id").asText());

        String token = tokenOf("ada@example.com");
        assertEquals(200, get("/api/2.0/token/list", token).status());
        Answer me = get(SCIM + "Me", token);
        assertEquals(id, me.body().path("id").asText());
        assertEquals(List.of("users"), values(me.body().path("groups"), "display"));
        assertEquals(List.of("allow-cluster-create"), values(me.body().path("entitlements"), "value"));
        Answer patched = call("PATCH", SCIM + "Users/" + id, admin, "{\"schemas\": [\"urn:ietf:params:scim:api:"
                + "messages:2.0:PatchOp\"], \"Operations\": [{\"op\": \"replace\", \"path\": \"active\", \"value\":"
                + " false}, {\"op\": \"remove\", \"path\": \"entitlements[value eq \\\"allow-cluster-create\\\"]\"}]}");
        assertEquals(patched.body().toString(), 200, patched.status());
        assertFalse(patched.body().path("active").asBoolean());
        assertEquals(0, patched.body().path("entitlements").size());
        Answer refused = get("/api/2.0/token/list", token);
        assertEquals(401, refused.status());
        assertTrue(refused.body().toString(), refused.body().path("message").asText().contains("disabled"));

        Answer replaced = call("PUT", SCIM + "Users/" + id, admin,
                "{\"userName\": \"ada@example.com\", \"displayName\": \"Ada Lovelace\", \"active\": true}");
        assertEquals(200, replaced.status());
        assertEquals("Ada Lovelace", replaced.body().path("displayName").asText());
        assertEquals(200, get("/api/2.0/token/list", token).status());

        assertEquals(204, call("DELETE", SCIM + "Users/" + id, admin, null).status());
        Answer gone = get(SCIM + "Users/" + id, admin);
        assertEquals(404, gone.status());
        assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", gone.body().path("schemas").path(0).asText());
        assertEquals("404", gone.body().path("status").asText());
        assertEquals(401, get("/api/2.0/token/list", token).status());
    }

    @Test
    public void listsPageUntilAnEmptyPageProjectAndSort() throws Exception {
        for (String name : List.of("page-c", "page-a", "page-b")) {
            createUser(name);
        }
        String filter = "filter=userName%20sw%20%22page-%22";
        Answer first = get(SCIM + "Users?" + filter + "&startIndex=1&count=2&sortBy=userName", admin);
        assertEquals(3, first.body().path("totalResults").asInt());
        assertEquals(2, first.body().path("itemsPerPage").asInt());
        assertEquals(List.of("page-a", "page-b"), values(first.body().path("Resources"), "userName"));
        Answer second = get(SCIM + "Users?" + filter + "&startIndex=3&count=2&sortBy=userName", admin);
        assertEquals(List.of("page-c"), values(second.body().path("Resources"), "userName"));
        Answer past = get(SCIM + "Users?" + filter + "&startIndex=4&count=2", admin);
        assertEquals(200, past.status());
        assertEquals(0, past.body().path("Resources").size());

        Answer descending = get(SCIM + "Users?" + filter + "&sortBy=userName&sortOrder=descending"
                + "&attributes=userName", admin);
        JsonNode top = descending.body().path("Resources").path(0);
        assertEquals("page-c", top.path("userName").asText());
        assertTrue(top.has("id"));
        assertFalse(top.toString(), top.has("displayName"));

        Answer either = get(SCIM + "Users?filter=userName%20eq%20%22page-a%22%20or%20userName%20eq%20%22admin%22",
                admin);
        assertEquals(2, either.body().path("totalResults").asInt());
        Answer bad = get(SCIM + "Users?filter=userName%20zz%20%22x%22", admin);
        assertEquals(400, bad.status());
        assertTrue(bad.body().path("detail").asText().contains("filter"));
    }

    @Test
    public void groupsTakeMembersByPatchAndAdminsMakesAdministrators() throws Exception {
        String grace = createUser("grace");
        String alan = createUser("alan");
        Answer created = post(SCIM + "Groups", admin, "{\"displayName\": \"engineers\", \"members\": [{\"value\": \""
                + grace + "\"}], \"entitlements\": [{\"value\": \"allow-instance-pool-create\"}]}");
        assertEquals(created.body().toString(), 201, created.status());
        String group = created.body().path("id").asText();

        Answer added = call("PATCH", SCIM + "Groups/" + group, admin, "{\"Operations\": [{\"op\": \"add\", \"path\":"
                + " \"members\", \"value\": [{\"value\": \"" + alan + "\"}]}]}");
        assertEquals(added.body().toString(), 200, added.status());
        assertEquals(List.of("grace", "alan"), values(added.body().path("members"), "display"));
        Answer removed = call("PATCH", SCIM + "Groups/" + group, admin, "{\"Operations\": [{\"op\": \"remove\","
                + " \"path\": \"members[value eq \\\"" + grace + "\\\"]\"}]}");
        assertEquals(List.of("alan"), values(removed.body().path("members"), "display"));
        Answer byName = get(SCIM + "Groups?filter=displayName%20eq%20%22engineers%22", admin);
        assertEquals(group, byName.body().path("Resources").path(0).path("id").asText());

        String alanToken = tokenOf("alan");
        assertEquals(403, post(SCIM + "Users", alanToken, "{\"userName\": \"mallory\"}").status());
        String admins = get(SCIM + "Groups?filter=displayName%20eq%20%22admins%22", admin).body().path("Resources")
                .path(0).path("id").asText();
        call("PATCH", SCIM + "Groups/" + admins, admin, "{\"Operations\": [{\"op\": \"add\", \"path\": \"members\","
                + " \"value\": [{\"value\": \"" + group + "\"}]}]}");
        assertEquals(201, post(SCIM + "Users", alanToken, "{\"userName\": \"through-nested-admins\"}").status());

        assertEquals(400, call("DELETE", SCIM + "Groups/" + admins, admin, null).status());
        assertEquals(204, call("DELETE", SCIM + "Groups/" + group, admin, null).status());
        assertEquals(403, post(SCIM + "Users", alanToken, "{\"userName\": \"too-late\"}").status());
    }

    @Test
    public void nonAdministratorsChangeNothingButTheirOwnPassword() throws Exception {
        String eve = createUser("eve");
        String bob = createUser("bob");
        String token = tokenOf("eve");
        String before = get(SCIM + "Users", admin).body().toString()
                + get(SCIM + "Groups", admin).body().toString();

        List<Answer> answers = List.of(post(SCIM + "Users", token, "{\"userName\": \"mallory\"}"),
                call("PUT", SCIM + "Users/" + bob, token, "{\"userName\": \"bob\", \"active\": false}"),
                call("PATCH", SCIM + "Users/" + eve, token,
                        "{\"Operations\": [{\"op\": \"add\", \"path\": \"entitlements\", \"value\":"
                                + " [{\"value\": \"allow-instance-pool-create\"}]}]}"),
                call("DELETE", SCIM + "Users/" + bob, token, null),
                post(SCIM + "Groups", token, "{\"displayName\": \"mine\"}"),
                post(SCIM + "ServicePrincipals", token, "{\"displayName\": \"robot\"}"),
                get("/api/2.0/token-management/tokens", token),
                post("/api/2.0/token-management/on-behalf-of/tokens", token, "{\"application_id\": \"x\"}"));
        for (Answer answer : answers) {
            assertEquals(answer.body().toString(), 403, answer.status());
        }
        assertEquals("PERMISSION_DENIED", answers.get(6).errorCode());
        assertEquals(before, get(SCIM + "Users", admin).body().toString()
                + get(SCIM + "Groups", admin).body().toString());

        Answer own = call("PATCH", SCIM + "Users/" + eve, token, "{\"Operations\": [{\"op\": \"replace\", \"path\":"
                + " \"password\", \"value\": \"eve's long password\"}]}");
        assertEquals(own.body().toString(), 200, own.status());
        assertFalse(own.body().has("password"));
        UserService users = context.getService(context.getServiceReference(UserService.class));
        assertEquals("eve", users.authenticate("eve", "eve's long password".toCharArray()).userName());
    }

    @Test
    public void badInputNamesTheFieldAndSavesNothing() throws Exception {
        int users = get(SCIM + "Users", admin).body().path("totalResults").asInt();

        Answer missing = post(SCIM + "Users", admin, "{\"displayName\": \"nameless\"}");
        assertEquals(400, missing.status());
        assertTrue(missing.body().path("detail").asText().contains("userName"));
        Answer entitlement = post(SCIM + "Users", admin,
                "{\"userName\": \"flyer\", \"entitlements\": [{\"value\": \"fly\"}]}");
        assertEquals(400, entitlement.status());
        assertTrue(entitlement.body().path("detail").asText().contains("entitlements"));
        Answer shortPassword = post(SCIM + "Users", admin, "{\"userName\": \"weak\", \"password\": \"short\"}");
        assertEquals(400, shortPassword.status());
        assertTrue(shortPassword.body().path("detail").asText().contains("password"));
        assertEquals(400, post(SCIM + "Users", admin, "[1, 2]").status());
        assertEquals(404, get(SCIM + "Users/not-a-number", admin).status());
        assertEquals(404, call("PATCH", SCIM + "Groups/999", admin, "{\"Operations\": []}").status());
        assertEquals(409, post(SCIM + "Users", admin, "{\"userName\": \"admin\"}").status());

        assertEquals(users, get(SCIM + "Users", admin).body().path("totalResults").asInt());
    }

    @Test
    public void servicePrincipalsGetTokensOnBehalfOfThemWhichAdminsManage() throws Exception {
        Answer created = post(SCIM + "ServicePrincipals", admin, "{\"displayName\": \"ci robot\"}");
        assertEquals(created.body().toString(), 201, created.status());
        String applicationId = created.body().path("applicationId").asText();
        assertEquals(36, applicationId.length());
        assertEquals(400,
                post(SCIM + "ServicePrincipals", admin, "{\"displayName\": \"x\", \"password\": \"12345678pw\"}")
                        .status());

        Answer obo = post("/api/2.0/token-management/on-behalf-of/tokens", admin,
                "{\"application_id\": \"" + applicationId + "\", \"lifetime_seconds\": 600, \"comment\": \"ci\"}");
        assertEquals(obo.body().toString(), 200, obo.status());
        String token = obo.body().path("token_value").asText();
        String tokenId = obo.body().path("token_info").path("token_id").asText();
        assertEquals(applicationId, get("/api/2.0/preview/scim/v2/Me", token).body().path("userName").asText());

        Answer listed = get("/api/2.0/token-management/tokens?created_by_username=" + applicationId, admin);
        assertEquals(List.of(tokenId), values(listed.body().path("token_infos"), "token_id"));
        assertEquals(created.body().path("id").asText(),
                listed.body().path("token_infos").path(0).path("created_by_id").asText());
        Answer one = get("/api/2.0/token-management/tokens/" + tokenId, admin);
        assertEquals("ci", one.body().path("token_info").path("comment").asText());

        assertEquals(200, call("DELETE", "/api/2.0/token-management/tokens/" + tokenId, admin, null).status());
        assertEquals(401, get("/api/2.0/token/list", token).status());
        Answer unknown = get("/api/2.0/token-management/tokens/" + tokenId, admin);
        assertEquals(404, unknown.status());
        assertEquals("RESOURCE_DOES_NOT_EXIST", unknown.errorCode());
        Answer noPrincipal = post("/api/2.0/token-management/on-behalf-of/tokens", admin,
                "{\"application_id\": \"admin\"}");
        assertEquals(404, noPrincipal.status());
        assertEquals(400, post("/api/2.0/token-management/on-behalf-of/tokens", admin, "{}").status());
    }
}
