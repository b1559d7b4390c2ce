package org.brickworks.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.RequestDispatcher;

/** Paths no servlet serves and errors raised outside the API answer JSON too. */
class JsonErrorPageTest {
    private final ObjectMapper json = new ObjectMapper();
    private final JsonErrorPage page = new JsonErrorPage();

    @Test
    void anUnservedPathIsEndpointNotFound() throws Exception {
        HttpCall call = HttpCall.get("/etc/passwd").run(page);

        assertThat(call.status()).isEqualTo(404);
        assertThat(call.json()).isEqualTo(json.readTree("""
                {"error_code": "ENDPOINT_NOT_FOUND", "message": "No API found for 'GET /etc/passwd'"}"""));
    }

    @Test
    void anApiPathWithEncodedSegmentsIsMalformedWhereverItLanded() {
        HttpCall call = HttpCall.get("/api/2.0/token/..%2F..%2Fetc/passwd").run(page);

        assertThat(call.status()).isEqualTo(400);
        assertThat(call.json().path("error_code").asText()).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void anErrorOfTheServerKeepsItsStatusAndMessage() throws Exception {
        HttpCall call = HttpCall.get("/api/2.0/dbfs/put");
        call.request().setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 413);
        call.request().setAttribute(RequestDispatcher.ERROR_MESSAGE, "Form too large");

        call.run(page);

        assertThat(call.status()).isEqualTo(413);
        assertThat(call.json()).isEqualTo(json.readTree("""
                {"error_code": "REQUEST_LIMIT_EXCEEDED", "message": "Form too large"}"""));
    }
}
