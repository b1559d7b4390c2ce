package org.brickworks.agent.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.brickworks.agent.protocol.PlatformPaths;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for the platform's SCIM {@code Me} endpoint, as the driver agent's {@code --auth-url} sees it: 200 for
 * {@code Authorization: Bearer <the one valid token>}, 401 for anything else. Remembers the headers it was sent.
 */
public final class TokenAuthServer implements AutoCloseable {

    public static final String PATH = PlatformPaths.TOKEN_CHECK;

    private final HttpServer server;
    private final String validToken;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    public TokenAuthServer(String validToken) throws IOException {
        this.validToken = validToken;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(PATH, this::answer);
        server.start();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(String.valueOf(authorization));
        boolean valid = ("Bearer " + validToken).equals(authorization);
        byte[] body = (valid ? "{\"userName\":\"alice@example.com\"}" : "{\"error_code\":\"UNAUTHENTICATED\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(valid ? 200 : 401, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /** The Authorization headers received so far, in order ("null" for none). */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
