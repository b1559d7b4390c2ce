package org.brickworks.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.rest.api.ApiParams;
import org.brickworks.rest.api.ApiServlet;
import org.brickworks.rest.api.Download;
import org.brickworks.rest.api.JsonParts;
import org.brickworks.rest.api.Route;
import org.brickworks.security.api.dto.User;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The dispatch and binding layer under {@link ApiServlet}s: paths, versions, binding, limits, answers, errors. */
class RestDispatcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final User ALICE = RecordingTokenService.user("alice", false);

    enum Order {
        DESC, ASC
    }

    record Params(String comment, Long lifetimeSeconds, Boolean overwrite, int count, Range range,
            List<String> names, Map<String, String> conf, Order order) {
    }

    record Range(int min, int max) {
        Range {
            if (min > max) {
                throw BrickworksException.invalidParameter("range needs min <= max, got " + min + " and " + max);
            }
        }
    }

    record Required(String tokenId) {
        Required {
            ApiParams.required(tokenId, "token_id");
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Camel(String clusterId) {
    }

    record Who(String userName, String bearerToken) {
    }

    record Received(String contentType, String body) {
    }

    /** A servlet with a route of every kind. */
    static final class Probe extends ApiServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected List<Route<?>> routes() {
            return List.of(Route.post("probe/echo", Params.class, call -> call.params()),
                    Route.get("probe/echo", Params.class, call -> call.params()),
                    Route.post("probe/required", Required.class, call -> call.params()),
                    Route.post("probe/camel", Camel.class, call -> call.params()),
                    Route.get("probe/refuse", Void.class, call -> {
                        throw BrickworksException.notFound("No such thing");
                    }), Route.get("probe/fail", Void.class, call -> {
                        throw new IllegalStateException("a bug");
                    }), Route.get("probe/nothing", Void.class, call -> null),
                    Route.get("probe/download", Void.class,
                            call -> new Download(new byte[] { 1, 2, 3 }, "application/octet-stream", "a\"b.py")),
                    Route.get("probe/parts", Void.class, call -> new JsonParts(List.of(bytes("{\"a\":"),
                            bytes("1}")))),
                    Route.get("probe/who", Void.class,
                            call -> new Who(call.caller().userName(), call.bearerToken())),
                    Route.postStreamed("probe/stream", call -> new Received(call.contentType(),
                            new String(call.body().readAllBytes(), StandardCharsets.UTF_8))),
                    Route.post("probe/upload", Params.class, call -> new Received("json", call.params().comment()))
                            .withForm(call -> new Received(call.contentType(),
                                    new String(call.body().readAllBytes(), StandardCharsets.UTF_8))));
        }
    }

    private final Probe probe = new Probe();

    @Test
    void routesAnswerUnderEveryVersionPrefix() {
        for (String version : List.of("2.0", "2.1", "2.2", "1.2")) {
            assertThat(HttpCall.get("/api/" + version + "/probe/nothing").as(ALICE).run(probe).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void nothingAnswersAsAnEmptyObject() {
        HttpCall call = HttpCall.get("/api/2.0/probe/nothing").as(ALICE).run(probe);

        assertThat(call.json()).isEqualTo(JSON.createObjectNode());
        assertThat(call.contentType()).isEqualTo("application/json");
    }

    @Test
    void unknownPathsAndMethodsAreEndpointNotFound() {
        assertError(HttpCall.get("/api/2.0/probe/elsewhere"), 404, "ENDPOINT_NOT_FOUND",
                "No API found for 'GET /api/2.0/probe/elsewhere'");
        assertError(HttpCall.get("/api/2.0/probe/required"), 404, "ENDPOINT_NOT_FOUND",
                "No API found for 'GET /api/2.0/probe/required'");
        assertError(HttpCall.get("/api/probe/nothing"), 404, "ENDPOINT_NOT_FOUND",
                "No API found for 'GET /api/probe/nothing'");
    }

    @Test
    void encodedAndRelativeSegmentsAreMalformed() {
        assertError(HttpCall.get("/api/2.0/probe/%2e%2e/probe/nothing"), 400, "MALFORMED_REQUEST",
                "Invalid path /api/2.0/probe/%2e%2e/probe/nothing: encoded or relative segments are not allowed");
        assertError(HttpCall.get("/api/2.0/probe/../probe/nothing"), 400, "MALFORMED_REQUEST",
                "Invalid path /api/2.0/probe/../probe/nothing: encoded or relative segments are not allowed");
    }

    @Test
    void bodiesBindToRecordsWithSnakeCaseNames() throws Exception {
        String body = """
                {"comment": "ci", "lifetime_seconds": 60, "overwrite": true, "count": 3,
                 "range": {"min": 1, "max": 2}, "names": ["a"], "conf": {"k": "v"}, "order": "ASC", "other": 1}""";

        HttpCall call = HttpCall.post("/api/2.0/probe/echo", body).as(ALICE).run(probe);

        assertThat(call.status()).isEqualTo(200);
        assertThat(call.json()).isEqualTo(JSON.readTree(body.replace(", \"other\": 1", "")));
    }

    @Test
    void getParametersComeFromTheQueryStringAsText() {
        JsonNode echo = HttpCall.get("/api/2.0/probe/echo?comment=a%20b&lifetime_seconds=60&overwrite=true")
                .as(ALICE).run(probe).json();

        assertThat(echo.path("comment").asText()).isEqualTo("a b");
        assertThat(echo.path("lifetime_seconds").asLong()).isEqualTo(60);
        assertThat(echo.path("overwrite").asBoolean()).isTrue();
    }

    @Test
    void absentFieldsAreNullZeroOrEmpty() throws Exception {
        for (HttpCall empty : List.of(HttpCall.post("/api/2.0/probe/echo", ""),
                HttpCall.post("/api/2.0/probe/echo", "{\"names\": null, \"conf\": null}"))) {
            assertThat(empty.as(ALICE).run(probe).json()).isEqualTo(JSON.readTree("""
                    {"comment": null, "lifetime_seconds": null, "overwrite": null, "count": 0, "range": null,
                     "names": [], "conf": {}, "order": null}"""));
        }
    }

    @Test
    void fieldsOfAnotherTypeAreNamedWithWhatTheyShouldHold() {
        assertInvalid("{\"comment\": 42}", "Invalid value for comment: expected a string, got number");
        assertInvalid("{\"comment\": [\"a\"]}", "Invalid value for comment: expected a string, got array");
        assertInvalid("{\"lifetime_seconds\": \"soon\"}",
                "Invalid value for lifetime_seconds: expected an integer, got string");
        assertInvalid("{\"count\": 1.5}", "Invalid value for count: expected an integer, got number");
        assertInvalid("{\"overwrite\": 1}", "Invalid value for overwrite: expected a boolean, got number");
        assertInvalid("{\"count\": 99999999999}", "Invalid value for count: 99999999999 is out of range");
        assertInvalid("{\"order\": \"UP\"}", "Invalid value for order: expected one of DESC, ASC, got string");
        assertInvalid("{\"range\": 3}", "Invalid value for range: expected an object, got number");
    }

    @Test
    void nestedFieldsAreNamedByTheirPath() {
        assertInvalid("{\"range\": {\"min\": \"x\"}}", "Invalid value for range.min: expected an integer, got string");
        assertInvalid("{\"names\": [\"a\", {}]}", "Invalid value for names[1]: expected a string, got object");
        assertInvalid("{\"conf\": {\"k\": null}}", "Invalid value for conf.k: expected a string, got null");
        assertInvalid("{\"conf\": {\"k\": [1]}}", "Invalid value for conf.k: expected a string, got array");
    }

    @Test
    void stringMapsTakeNumbersAndBooleansAsText() throws Exception {
        HttpCall call = HttpCall.post("/api/2.0/probe/echo", "{\"conf\": {\"cores\": 2, \"on\": true, \"f\": 0.5}}")
                .as(ALICE).run(probe);

        assertThat(call.json().path("conf"))
                .isEqualTo(JSON.readTree("{\"cores\": \"2\", \"on\": \"true\", \"f\": \"0.5\"}"));
    }

    @Test
    void checksOfTheRecordAnswerWithTheirOwnMessage() {
        assertError(HttpCall.post("/api/2.0/probe/required", "{}"), 400, "INVALID_PARAMETER_VALUE",
                "Missing required field: token_id");
        assertInvalid("{\"range\": {\"min\": 3, \"max\": 2}}", "range needs min <= max, got 3 and 2");
    }

    @Test
    void bodiesThatAreNoJsonObjectAreMalformed() {
        HttpCall cut = HttpCall.post("/api/2.0/probe/echo", "{\"comment\":").as(ALICE).run(probe);
        assertThat(cut.status()).isEqualTo(400);
        assertThat(cut.json().path("error_code").asText()).isEqualTo("MALFORMED_REQUEST");
        assertThat(cut.json().path("message").asText()).startsWith("Malformed JSON request body: ");
        assertError(HttpCall.post("/api/2.0/probe/echo", "[1, 2]"), 400, "MALFORMED_REQUEST",
                "The request body must be a JSON object, got array");
    }

    @Test
    void aTypeMayNameItsFieldsOtherwise() {
        assertThat(HttpCall.post("/api/1.2/probe/camel", "{\"clusterId\": \"c1\", \"cluster_id\": \"no\"}").as(ALICE)
                .run(probe).json().path("clusterId").asText()).isEqualTo("c1");
    }

    @Test
    void bodiesOverTheLimitAreRefused() {
        String large = "{\"comment\": \"" + "x".repeat((int) HttpCall.LIMIT) + "\"}";
        assertError(HttpCall.post("/api/2.0/probe/echo", large), 413, "REQUEST_LIMIT_EXCEEDED",
                "The request body exceeds the limit of " + HttpCall.LIMIT + " bytes");
        assertError(HttpCall.post("/api/2.0/probe/stream", large), 413, "REQUEST_LIMIT_EXCEEDED",
                "The request body exceeds the limit of " + HttpCall.LIMIT + " bytes");
    }

    @Test
    void streamedRoutesReadTheBodyThemselves() {
        HttpCall call = HttpCall.post("/api/2.0/probe/stream", "not even JSON").as(ALICE).run(probe);

        assertThat(call.json().path("body").asText()).isEqualTo("not even JSON");
        assertThat(call.json().path("content_type").asText()).isEqualTo("application/json");
    }

    @Test
    void formsGoToTheFormHandlerWithoutTheBodyLimitAndJsonToTheRoute() {
        String type = "multipart/form-data; boundary=b";
        String form = "--b\r\n" + "x".repeat((int) HttpCall.LIMIT) + "--b--";
        HttpCall formCall = HttpCall.post("/api/2.0/probe/upload", "").body(bytes(form), type).as(ALICE).run(probe);
        HttpCall jsonCall = HttpCall.post("/api/2.0/probe/upload", "{\"comment\": \"inline\"}").as(ALICE).run(probe);

        assertThat(formCall.json().path("content_type").asText()).isEqualTo(type);
        assertThat(formCall.json().path("body").asText()).isEqualTo(form);
        assertThat(jsonCall.json().path("body").asText()).isEqualTo("inline");
    }

    @Test
    void brickworksExceptionsAnswerTheirCodeAndMessage() {
        assertError(HttpCall.get("/api/2.0/probe/refuse"), 404, "RESOURCE_DOES_NOT_EXIST", "No such thing");
    }

    @Test
    void otherFailuresAreInternalErrorsNamingAnIncident() {
        HttpCall call = HttpCall.get("/api/2.0/probe/fail").as(ALICE).run(probe);

        assertThat(call.status()).isEqualTo(500);
        assertThat(call.json().path("error_code").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(call.json().path("message").asText()).matches("Internal error, incident [0-9a-f-]{36} in the"
                + " platform log").doesNotContain("a bug");
    }

    @Test
    void downloadsAreSentAsTheyAre() {
        HttpCall call = HttpCall.get("/api/2.0/probe/download").as(ALICE).run(probe);

        assertThat(call.bytes()).containsExactly(1, 2, 3);
        assertThat(call.contentType()).isEqualTo("application/octet-stream");
        assertThat(call.answerHeader("Content-Disposition")).isEqualTo("attachment; filename=\"ab.py\"");
    }

    @Test
    void serialisedPartsAreSentOneAfterTheOther() {
        assertThat(HttpCall.get("/api/2.0/probe/parts").as(ALICE).run(probe).json().path("a").asInt()).isEqualTo(1);
    }

    @Test
    void theCallerAndTheBearerTokenReachTheHandler() {
        JsonNode who = HttpCall.get("/api/2.0/probe/who").header("Authorization", "Bearer dapi-1").as(ALICE)
                .run(probe).json();

        assertThat(who.path("user_name").asText()).isEqualTo("alice");
        assertThat(who.path("bearer_token").asText()).isEqualTo("dapi-1");
    }

    @Test
    void outsideTheBrickworksContextsTheServletRefusesToServe() {
        assertThat(HttpCall.get("/api/2.0/probe/nothing").run(probe).status()).isEqualTo(500);
    }

    private void assertInvalid(String body, String message) {
        assertError(HttpCall.post("/api/2.0/probe/echo", body), 400, "INVALID_PARAMETER_VALUE", message);
    }

    private void assertError(HttpCall call, int status, String code, String message) {
        HttpCall done = call.as(ALICE).run(probe);
        assertThat(done.json()).isEqualTo(JSON.createObjectNode().put("error_code", code).put("message", message));
        assertThat(done.status()).isEqualTo(status);
        assertThat(ErrorCode.valueOf(code).httpStatus()).isEqualTo(status);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
