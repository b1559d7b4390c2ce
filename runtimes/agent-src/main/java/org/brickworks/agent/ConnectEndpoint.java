package org.brickworks.agent;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.connect.service.SparkConnectService$;

/**
 * Spark's own Spark Connect server inside the driver: switched on through Spark configuration (the
 * {@code SparkConnectPlugin} starts it with the SparkContext) and guarded by {@link ConnectTokenInterceptor}.
 */
final class ConnectEndpoint {

    static final String PLUGIN = "org.apache.spark.sql.connect.SparkConnectPlugin";

    private ConnectEndpoint() {
    }

    /**
     * The cluster's Spark conf with Connect switched on: the plugin and the interceptor are appended to any the cluster
     * configures, the port is the agent's. Spark 3.5 binds all interfaces (it has no binding address setting); 4.x
     * binds to the agent's host.
     */
    static Map<String, String> enable(Map<String, String> clusterConf, String host, int port, String sparkVersion) {
        Map<String, String> conf = new LinkedHashMap<>(clusterConf);
        conf.put("spark.plugins", appendTo(conf.get("spark.plugins"), PLUGIN));
        conf.put("spark.connect.grpc.interceptor.classes",
                appendTo(conf.get("spark.connect.grpc.interceptor.classes"), ConnectTokenInterceptor.class.getName()));
        conf.put("spark.connect.grpc.binding.port", Integer.toString(port));
        if (!sparkVersion.startsWith("3.")) {
            conf.put("spark.connect.grpc.binding.address", host);
        }
        return conf;
    }

    /** The port the started Connect server listens on. */
    static int localPort() {
        return SparkConnectService$.MODULE$.localPort();
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
