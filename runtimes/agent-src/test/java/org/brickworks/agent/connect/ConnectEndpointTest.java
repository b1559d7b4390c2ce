package org.brickworks.agent.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ConnectEndpointTest {

    private static final String INTERCEPTOR = ConnectTokenInterceptor.class.getName();

    @Test
    void spark35GetsInterceptorAndPortButNoBindingAddress() {
        Map<String, String> conf = ConnectEndpoint.enable(Map.of("spark.master", "local[1]"), "127.0.0.1", 0, "3.5.7");

        assertThat(conf).containsEntry("spark.master", "local[1]")
                .doesNotContainKey("spark.plugins")
                .containsEntry("spark.connect.grpc.interceptor.classes", INTERCEPTOR)
                .containsEntry("spark.connect.grpc.binding.port", "0")
                .doesNotContainKey("spark.connect.grpc.binding.address");
    }

    @Test
    void spark40BindsToTheAgentsHost() {
        Map<String, String> conf = ConnectEndpoint.enable(Map.of(), "10.0.0.7", 15002, "4.0.1");

        assertThat(conf).containsEntry("spark.connect.grpc.binding.address", "10.0.0.7")
                .containsEntry("spark.connect.grpc.binding.port", "15002");
    }

    @Test
    void appendsToTheClustersInterceptorsOnceAndKeepsItsPlugins() {
        Map<String, String> clusterConf = Map.of("spark.plugins", "com.example.Plugin",
                "spark.connect.grpc.interceptor.classes", "com.example.Audit, " + INTERCEPTOR);

        Map<String, String> conf = ConnectEndpoint.enable(clusterConf, "127.0.0.1", 0, "3.5.7");

        assertThat(conf).containsEntry("spark.plugins", "com.example.Plugin")
                .containsEntry("spark.connect.grpc.interceptor.classes", "com.example.Audit, " + INTERCEPTOR);
    }

    @Test
    void findsAFreePortOnTheHost() throws Exception {
        int port = ConnectEndpoint.freePort("127.0.0.1");

        assertThat(port).isPositive();
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }
}
