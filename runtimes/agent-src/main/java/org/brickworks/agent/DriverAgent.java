package org.brickworks.agent;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.apache.spark.package$;
import org.apache.spark.sql.SparkSession;
import org.brickworks.agent.connect.SparkConnect;
import org.brickworks.agent.dbfs.DbfsConf;
import org.brickworks.agent.dbfs.DriverMountTable;
import org.brickworks.agent.dbfs.MountsEndpoint;
import org.brickworks.agent.dbutils.PlatformCallback;
import org.brickworks.agent.execution.ContextSetup;
import org.brickworks.agent.execution.ExecutionContexts;
import org.brickworks.agent.execution.ExecutionEndpoints;
import org.brickworks.agent.execution.Folders;
import org.brickworks.agent.execution.ReplClassRouter;
import org.brickworks.agent.http.AgentApi;
import org.brickworks.agent.http.AgentServer;
import org.brickworks.agent.http.BearerAuthenticator;
import org.brickworks.agent.http.Routes;
import org.brickworks.agent.languages.LanguageSettings;
import org.brickworks.agent.languages.Languages;
import org.brickworks.agent.languages.LanguagesEndpoint;
import org.brickworks.agent.libraries.ClusterLibraries;
import org.brickworks.agent.libraries.LibrariesEndpoint;
import org.brickworks.agent.protocol.AgentLaunch;
import org.brickworks.agent.protocol.AgentPaths;
import org.brickworks.agent.protocol.Ready;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.ParameterException;

/**
 * The main class of a cluster's driver process (a plain JVM, never OSGi): builds the SparkSession, serves the
 * authenticated HTTP/JSON API of the agent protocol on the given host and port (and, when asked, Spark's own
 * token-protected Spark Connect endpoint), then announces itself in the ready file. {@code POST /shutdown} stops Spark
 * and exits with 0. Exit status {@value AgentLaunch#EXIT_BAD_ARGUMENTS} means bad arguments,
 * {@value AgentLaunch#EXIT_FAILED_START} a failed start.
 */
public final class DriverAgent {

    private static final Logger LOG = LoggerFactory.getLogger(DriverAgent.class);
    /** The driver's copy of its mount table for its executors, in its working directory (see runtimes/README). */
    private static final Path MOUNTS_COPY = Path.of("dbfs-mounts.json");

    private final SparkSession spark;
    private final ExecutionContexts contexts;
    private volatile AgentServer server;

    private DriverAgent(SparkSession spark, ExecutionContexts contexts) {
        this.spark = spark;
        this.contexts = contexts;
    }

    public static void main(String[] args) {
        Optional<AgentOptions> options;
        try {
            options = AgentOptions.parse(List.of(args));
        } catch (ParameterException e) {
            System.err.println(e.getMessage());
            e.getCommandLine().usage(System.err);
            System.exit(AgentLaunch.EXIT_BAD_ARGUMENTS);
            return;
        }
        try {
            if (options.isPresent()) {
                start(options.get());
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("The driver agent failed to start", e);
            System.exit(AgentLaunch.EXIT_FAILED_START);
        }
    }

    private static void start(AgentOptions options) throws IOException {
        Path scratch = Folders.temporary("brickworks-agent-");
        Optional<SparkConnect> connect = options.connectPort().isPresent()
                ? Optional.of(SparkConnect.at(options.host(), options.connectPort().getAsInt()))
                : Optional.empty();
        OptionalInt connectPort = connect.map(c -> OptionalInt.of(c.port())).orElse(OptionalInt.empty());
        ClassLoader agentLoader = DriverAgent.class.getClassLoader();
        Languages languages = new Languages(new LanguageSettings(scratch, options.python(), options.r(),
                connectPort, options.host(), package$.MODULE$.SPARK_VERSION()), agentLoader);
        languages.usePlugins(options.languageJars());
        DriverMountTable mounts = DriverMountTable.install(MOUNTS_COPY);
        // A local driver's executor loads the classes of Scala cells through this loader (see ReplClassRouter).
        Thread.currentThread().setContextClassLoader(
                new ReplClassRouter(Thread.currentThread().getContextClassLoader()));
        SparkSession spark = SparkSessionFactory.build(sparkConf(options, connect, mounts));
        ExecutorsEndpoint executors = ExecutorsEndpoint.listenTo(spark.sparkContext());
        RuntimeVersions versions = RuntimeVersions.of(spark);
        ClusterLibraries libraries = new ClusterLibraries(agentLoader, spark.sparkContext()::addJar);
        ExecutionContexts contexts = new ExecutionContexts(new ContextSetup(spark, languages, libraries,
                new PlatformCallback(options.authUrl(), options.secret()), scratch.resolve("contexts")));
        DriverAgent agent = new DriverAgent(spark, contexts);
        HealthEndpoint health = new HealthEndpoint(versions, connectPort);
        Routes routes = new Routes();
        health.addTo(routes);
        executors.addTo(routes);
        new ExecutionEndpoints(contexts).addTo(routes);
        new LibrariesEndpoint(libraries).addTo(routes);
        new MountsEndpoint(mounts).addTo(routes);
        new LanguagesEndpoint(languages, contexts).addTo(routes);
        routes.add("POST", AgentPaths.SHUTDOWN, (exchange, id) -> {
            agent.shutdownSoon();
            return health.health(HealthEndpoint.TERMINATING);
        });
        ObjectMapper mapper = new ObjectMapper();
        agent.server = AgentServer.start(options.host(), options.port(),
                new AgentApi(mapper, new BearerAuthenticator(options.secret()), routes), libraries.classLoader());
        int port = agent.server.port();
        if (options.readyFile().isPresent()) {
            ReadyFile.write(options.readyFile().get(), new Ready(port, versions.spark(), ProcessHandle.current().pid(),
                    connect.map(SparkConnect::port).orElse(null)), mapper);
        }
        LOG.info("Driver agent ready on http://{}:{} {} ms after JVM start (Spark {}, Scala {}, Delta {})",
                options.host(), port, ManagementFactory.getRuntimeMXBean().getUptime(), versions.spark(),
                versions.scala(), versions.delta().orElse("unknown"));
        connect.ifPresent(endpoint -> endpoint.startInBackground(spark.sparkContext()));
        warmUp(spark);
    }

    /**
     * Runs a {@code SELECT 1} in a session of its own in the background, so the first command does not pay for
     * loading and compiling Spark SQL's planner: a pool's idle driver is warm when a cluster takes it.
     */
    private static void warmUp(SparkSession spark) {
        Thread warmUp = new Thread(() -> {
            long start = System.nanoTime();
            try {
                spark.newSession().sql("SELECT 1").collect();
                LOG.info("Spark SQL warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.warn("Spark SQL warm-up failed: {}", e.toString());
            }
        }, "brickworks-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /**
     * The cluster's Spark conf, with the agent's {@code dbfs:} file system (its keys win: they name the agent's own
     * classes and files), and with Spark Connect and its token check switched on when asked for.
     */
    private static Map<String, String> sparkConf(AgentOptions options, Optional<SparkConnect> connect,
            DriverMountTable mounts) {
        Map<String, String> conf = new LinkedHashMap<>(options.sparkConf());
        conf.putAll(DbfsConf.sparkConf(mounts.copy()));
        return connect.isEmpty() ? conf : connect.get().conf(conf, options.secret(), options.authUrl());
    }

    /** Stops on another thread, so the shutdown request still gets its answer. */
    private void shutdownSoon() {
        new Thread(this::shutdown, "brickworks-shutdown").start();
    }

    private void shutdown() {
        LOG.info("Driver agent shutting down");
        server.stop();
        contexts.closeAll();
        spark.stop();
        System.exit(0);
    }
}
