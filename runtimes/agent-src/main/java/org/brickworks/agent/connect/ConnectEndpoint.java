package org.brickworks.agent.connect;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.connect.service.SparkConnectService$;

/**
 * Spark's own Spark Connect server inside the driver, guarded by {@link ConnectTokenInterceptor}. It is configured
 * with the session but started only once the agent serves ({@link #start}), as Spark's {@code SparkConnectPlugin}
 * would start it: a cluster is RUNNING as soon as SQL works, and the Connect server's second of start-up does not
 * delay it. Clients that connect in that second wait for the port (gRPC's wait-for-ready, Spark's client retries).
 */
final class ConnectEndpoint {

    private ConnectEndpoint() {
    }

    /**
     * The cluster's Spark conf with Connect's settings: the interceptor is appended to any the cluster configures, the
     * port is the agent's. Spark 3.5 binds all interfaces (it has no binding address setting); 4.x binds to the
     * agent's host.
     */
    static Map<String, String> enable(Map<String, String> clusterConf, String host, int port, String sparkVersion) {
        Map<String, String> conf = new LinkedHashMap<>(clusterConf);
        conf.put("spark.connect.grpc.interceptor.classes",
                appendTo(conf.get("spark.connect.grpc.interceptor.classes"), ConnectTokenInterceptor.class.getName()));
        conf.put("spark.connect.grpc.binding.port", Integer.toString(port));
        if (!sparkVersion.startsWith("3.")) {
            conf.put("spark.connect.grpc.binding.address", host);
        }
        return conf;
    }

    /**
     * A port that is free on {@code host} now, for a Connect server that starts later: the ready file can name it at
     * once. (Another process could take it in between; the server's start then fails and says so in the log.)
     */
    static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }

    /** Starts the Connect server of {@code sc} on the configured port; returns when it listens. */
    static void start(SparkContext sc) {
        SparkConnectService$.MODULE$.start(sc);
    }

    private static String appendTo(String list, String className) {
        if (list == null || list.isBlank()) {
            return className;
        }
        for (String entry : list.split(",")) {
            if (entry.strip().equals(className)) {
                return list;
            }
        }
        return list + "," + className;
    }
}
