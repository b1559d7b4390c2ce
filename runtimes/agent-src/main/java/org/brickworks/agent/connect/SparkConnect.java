package org.brickworks.agent.connect;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.SparkContext;
import org.apache.spark.package$;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's Spark Connect endpoint, when {@code --connect-port} asks for one: its Spark conf (with the token check,
 * {@link ConnectTokenInterceptor}) before the SparkSession is built, and its start once the agent serves
 * ({@link ConnectEndpoint}).
 */
public final class SparkConnect {

    private static final Logger LOG = LoggerFactory.getLogger(SparkConnect.class);
    private static final Duration TOKEN_CACHE_PERIOD = Duration.ofSeconds(60);

    private final String host;
    private final int port;

    private SparkConnect(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Connect on {@code host} at {@code port}, or at a port free now for 0 (so the ready file can name it at once). */
    public static SparkConnect at(String host, int port) throws IOException {
        return new SparkConnect(host, port == 0 ? ConnectEndpoint.freePort(host) : port);
    }

    public int port() {
        return port;
    }

    /**
     * The cluster's Spark conf with Connect's settings; installs the token check: the cluster's secret, or a token
     * that {@code authUrl} accepts.
     */
    public Map<String, String> conf(Map<String, String> clusterConf, String secret, Optional<URI> authUrl) {
        ConnectAuthentication.install(new ConnectTokenVerifier(secret, authUrl, TOKEN_CACHE_PERIOD, System::nanoTime));
        return ConnectEndpoint.enable(clusterConf, host, port, package$.MODULE$.SPARK_VERSION());
    }

    /** Starts the server on its own thread: SQL through the agent need not wait for it. */
    public void startInBackground(SparkContext sparkContext) {
        Thread starter = new Thread(() -> {
            long began = System.nanoTime();
            try {
                ConnectEndpoint.start(sparkContext);
                LOG.info("Spark Connect serves on port {}, started in {} ms", port,
                        (System.nanoTime() - began) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.error("Spark Connect failed to start on port {}", port, e);
            }
        }, "brickworks-connect-start");
        starter.setDaemon(true);
        starter.start();
    }
}
