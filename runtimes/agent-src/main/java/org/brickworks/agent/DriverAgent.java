package org.brickworks.agent;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Executors;

import org.apache.spark.package$;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * The main class of a cluster's driver process (a plain JVM, never OSGi): builds the SparkSession, serves the
 * authenticated HTTP/JSON API on the given host and port (and, when asked, Spark's own token-protected Spark Connect
 * endpoint), then announces itself in the ready file.
 * {@code POST /shutdown} stops Spark and exits with 0. Exit status 2 means bad arguments, 1 a failed start.
 */
public final class DriverAgent {

    private static final Logger LOG = LoggerFactory.getLogger(DriverAgent.class);
    private static final Duration TOKEN_CACHE_PERIOD = Duration.ofSeconds(60);

    private final SparkSession spark;
    private final ExecutionContexts contexts;
    private final HttpServer server;

    private DriverAgent(SparkSession spark, ExecutionContexts contexts, HttpServer server) {
        this.spark = spark;
        this.contexts = contexts;
        this.server = server;
    }

    public static void main(String[] args) {
        AgentOptions options;
        try {
            options = AgentOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            start(options);
        } catch (IOException | RuntimeException e) {
            LOG.error("The driver agent failed to start", e);
            System.exit(1);
        }
    }

    private static void start(AgentOptions options) throws IOException {
        OptionalInt connectPort = options.connectPort().isPresent() ? OptionalInt.of(
                options.connectPort().getAsInt() == 0 ? ConnectEndpoint.freePort(options.host())
                        : options.connectPort().getAsInt())
                : OptionalInt.empty();
        // A local driver's executor loads the classes of Scala cells through this loader (see ReplClassRouter).
        Thread.currentThread().setContextClassLoader(
                new ReplClassRouter(Thread.currentThread().getContextClassLoader()));
        SparkSession spark = SparkSessionFactory.build(sparkConf(options, connectPort));
        ExecutorsEndpoint executors = ExecutorsEndpoint.listenTo(spark.sparkContext());
        RuntimeVersions versions = RuntimeVersions.of(spark);
        ClusterLibraries libraries = new ClusterLibraries(DriverAgent.class.getClassLoader(),
                spark.sparkContext()::addJar);
        // The JDK server writes a response's headers and body apart: without TCP_NODELAY, Nagle's algorithm and the
        // client's delayed ACK hold every answer back by tens of milliseconds.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "brickworks-http");
            thread.setDaemon(true);
            // Threads started from requests (execution contexts) inherit it: Spark finds library classes through it.
            thread.setContextClassLoader(libraries.classLoader());
            return thread;
        }));
        Path replDirectory = Files.createTempDirectory("brickworks-repl-");
        ExecutionContexts contexts = new ExecutionContexts(spark,
                new Interpreters(new LanguageSettings(replDirectory, options.python(), options.r(), connectPort,
                        options.host(), options.secret(), versions.spark())), libraries,
                new PlatformCallback(options.authUrl(), options.secret()));
        DriverAgent agent = new DriverAgent(spark, contexts, server);
        ObjectMapper mapper = new ObjectMapper();
        server.createContext("/", new AgentApi(mapper, new BearerAuthenticator(options.secret()),
                new HealthEndpoint(versions, connectPort), new ExecutionEndpoints(contexts), executors,
                new LibrariesEndpoint(libraries, contexts), agent::shutdownSoon));
        server.start();
        int port = server.getAddress().getPort();
        if (options.readyFile().isPresent()) {
            ReadyFile.write(options.readyFile().get(), port, versions.spark(), connectPort, mapper);
        }
        LOG.info("Driver agent ready on http://{}:{} {} ms after JVM start (Spark {}, Scala {}, Delta {})",
                options.host(), port, ManagementFactory.getRuntimeMXBean().getUptime(), versions.spark(),
                versions.scala(), versions.delta().orElse("unknown"));
        connectPort.ifPresent(connect -> startConnect(spark, connect));
    }

    /** Spark Connect starts after the agent is ready, on its own thread: SQL through the agent need not wait. */
    private static void startConnect(SparkSession spark, int port) {
        Thread starter = new Thread(() -> {
            long began = System.nanoTime();
            try {
                ConnectEndpoint.start(spark.sparkContext());
                LOG.info("Spark Connect serves on port {}, started in {} ms", port,
                        (System.nanoTime() - began) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.error("Spark Connect failed to start on port {}", port, e);
            }
        }, "brickworks-connect-start");
        starter.setDaemon(true);
        starter.start();
    }

    /** The cluster's Spark conf, with Spark Connect and its token check switched on when asked for. */
    private static Map<String, String> sparkConf(AgentOptions options, OptionalInt connectPort) {
        if (connectPort.isEmpty()) {
            return options.sparkConf();
        }
        ConnectAuthentication.install(
                new ConnectTokenVerifier(options.secret(), options.authUrl(), TOKEN_CACHE_PERIOD, System::nanoTime));
        return ConnectEndpoint.enable(options.sparkConf(), options.host(), connectPort.getAsInt(),
                package$.MODULE$.SPARK_VERSION());
    }

    /** Stops on another thread, so the shutdown request still gets its answer. */
    private void shutdownSoon() {
        new Thread(this::shutdown, "brickworks-shutdown").start();
    }

    private void shutdown() {
        LOG.info("Driver agent shutting down");
        server.stop(1);
        contexts.closeAll();
        spark.stop();
        System.exit(0);
    }
}
