package org.brickworks.agent.dbutils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.brickworks.agent.protocol.PlatformPaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * {@code dbutils.secrets} against an HTTP server in the platform's place: what the driver sends (the cluster secret,
 * the context), what it makes of the answers, and the platform's refusals with their error code.
 */
public class SecretsUtilsTest {

    /** The platform's answers by path; a request whose scope is {@code closed} is refused as the platform does. */
    private static final Map<String, String> ANSWERS = Map.of(PlatformPaths.SECRET_GET,
            "{\"value\":\"c3VwM3ItczNjcmV0\"}", PlatformPaths.SECRET_LIST, "{\"names\":[\"k\",\"other\"]}",
            PlatformPaths.SECRET_SCOPES, "{\"names\":[\"s\"]}");

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer platform;
    private SecretsUtils secrets;

    @BeforeEach
    void startPlatform() throws IOException {
        platform = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        platform.createContext("/", this::answer);
        platform.start();
        URI url = URI.create("http://127.0.0.1:" + platform.getAddress().getPort() + "/api/2.0/health");
        secrets = DbUtils.of("ctx1", () -> null, new PlatformCallback(Optional.of(url), "cluster-secret")).secrets();
    }

    @AfterEach
    void stopPlatform() {
        platform.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Authorization")
                + " " + body);
        boolean refused = body.contains("\"closed\"");
        byte[] answer = (refused ? "{\"error_code\":\"PERMISSION_DENIED\",\"message\":\"User bob does not have READ"
                + " permission on scope closed\"}" : ANSWERS.get(exchange.getRequestURI().getPath()))
                .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(refused ? 403 : 200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Test
    void valuesKeysAndScopesComeFromThePlatformForTheCallingContext() throws Exception {
        assertThat(secrets.get("s", "k")).isEqualTo("sup3r-s3cret");
        assertThat(secrets.getBytes("s", "k")).isEqualTo("sup3r-s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(secrets.list("s")).extracting(SecretsUtils.SecretMetadata::key).containsExactly("k", "other");
        assertThat(secrets.listScopes()).extracting(Object::toString).containsExactly("SecretScope(s)");

        assertThat(requests.get(0)).isEqualTo(PlatformPaths.SECRET_GET
                + " Bearer cluster-secret {\"contextId\":\"ctx1\",\"scope\":\"s\",\"key\":\"k\"}");
        assertThat(requests.get(2)).startsWith(PlatformPaths.SECRET_LIST).contains("\"scope\":\"s\",\"key\":null");
        assertThat(requests.get(3)).startsWith(PlatformPaths.SECRET_SCOPES).contains("\"contextId\":\"ctx1\"");
    }

    @Test
    void aRefusalNamesItsErrorCode() {
        assertThatThrownBy(() -> secrets.get("closed", "k")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PERMISSION_DENIED: User bob does not have READ permission on scope closed");
        assertThatThrownBy(() -> secrets.list(" ")).hasMessage("scope must not be empty");
        assertThat(requests).hasSize(1);
    }
}
