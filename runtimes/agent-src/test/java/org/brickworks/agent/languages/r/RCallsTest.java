package org.brickworks.agent.languages.r;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.brickworks.agent.dbutils.DbUtils;
import org.brickworks.agent.dbutils.PlatformCallback;
import org.brickworks.agent.protocol.PlatformPaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** The R kernel's {@code dbutils} request lines and their answer lines, with an HTTP server in the platform's place. */
public class RCallsTest {

    private HttpServer platform;
    private RCalls calls;

    @BeforeEach
    void startPlatform() throws IOException {
        platform = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        platform.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String answer = path.equals(PlatformPaths.SECRET_GET) ? "{\"value\":\"YWI=\"}"
                    : path.equals(PlatformPaths.SECRET_LIST) ? "{\"names\":[\"k1\",\"k2\"]}"
                            : "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"Scope gone\\ndoes not exist!\"}";
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.contains("error_code") ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        platform.start();
        URI url = URI.create("http://127.0.0.1:" + platform.getAddress().getPort() + "/");
        calls = new RCalls(DbUtils.of("ctx1", () -> null, new PlatformCallback(Optional.of(url), "s3")).secrets());
    }

    @AfterEach
    void stopPlatform() {
        platform.stop(0);
    }

    @Test
    void callsAreAnsweredOnOneLine() {
        assertThat(calls.answer("call\tsecrets.getBytes\ts\tk")).isEqualTo("value\t6162");
        assertThat(calls.answer("call\tsecrets.list\ts")).isEqualTo("value\tk1\tk2");
        assertThat(calls.answer("call\tsecrets.listScopes"))
                .isEqualTo("error\tRESOURCE_DOES_NOT_EXIST: Scope gone does not exist!");
        assertThat(calls.answer("call\tsecrets.getBytes\ts")).isEqualTo("error\tdbutils call is missing argument 2");
        assertThat(calls.answer("call\tfs.ls\t/")).isEqualTo("error\tUnknown dbutils call fs.ls");
    }
}
