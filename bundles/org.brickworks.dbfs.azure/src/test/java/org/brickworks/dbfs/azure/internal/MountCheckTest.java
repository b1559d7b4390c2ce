package org.brickworks.dbfs.azure.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Base64;
import java.util.Map;

import org.brickworks.core.api.BrickworksException;
import org.junit.jupiter.api.Test;

/** Mount checks against endpoints that cannot serve, through the real Azure SDK. */
class MountCheckTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[64]);

    private final AzureBlobBackend backend = new AzureBlobBackend(config(1));

    @Test
    void aRefusedConnectionIsNamed() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> backend.open(URI.create("wasbs://c@acct.blob.core.windows.net"), settings(closed)))
                .isInstanceOf(BrickworksException.class).hasMessageContaining("Cannot reach http://127.0.0.1:" + closed)
                .hasMessageEndingWith(": connection refused").hasMessageNotContaining(KEY);
    }

    @Test
    void anEndpointThatNeverAnswersIsGivenUpOnWithinTheMountCheck() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Socket ignored = null) {
            assertThatThrownBy(() -> backend.open(URI.create("wasbs://c@acct.blob.core.windows.net"),
                    settings(silent.getLocalPort()))).isInstanceOf(BrickworksException.class)
                    .hasMessageContaining("no answer within 1 s");
        }
    }

    private static Map<String, String> settings(int port) {
        return Map.of("fs.azure.account.key.acct.blob.core.windows.net", KEY, AzureSource.ENDPOINT,
                "http://127.0.0.1:" + port + "/acct");
    }

    private static AzureConfig config(int seconds) {
        return new AzureConfig() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return AzureConfig.class;
            }

            @Override
            public int mountCheckSeconds() {
                return seconds;
            }
        };
    }
}
