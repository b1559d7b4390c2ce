package org.brickworks.agent.protocol;

/**
 * How a launcher starts a driver: {@code java <runtime's JVM options> -cp <agent jar>:<runtime closure>}
 * {@value #MAIN_CLASS} and the options below. Exit status {@value #EXIT_BAD_ARGUMENTS}: bad arguments;
 * {@value #EXIT_FAILED_START}: the driver could not start (its output says why).
 */
public final class AgentLaunch {
    public static final String MAIN_CLASS = "org.brickworks.agent.DriverAgent";
    /** Required: a file whose first line is the cluster's secret, the bearer token of every call to the agent. */
    public static final String SECRET_FILE = "--secret-file";
    /** Where the agent writes {@link Ready} (atomically) once it serves. */
    public static final String READY_FILE = "--ready-file";
    /** Spark conf as a properties file, below {@link #CONF}: the platform's share, which may hold secrets. */
    public static final String CONF_FILE = "--conf-file";
    /** The address the agent's HTTP server binds to (127.0.0.1 by default). */
    public static final String HOST = "--host";
    /** The agent's HTTP port, 0 for any free one. */
    public static final String PORT = "--port";
    /** Spark Connect's port, 0 for any free one; Connect is off without it. */
    public static final String CONNECT_PORT = "--connect-port";
    /** Where Spark Connect checks a client's token: an HTTP GET with it as bearer, 200 accepts. */
    public static final String AUTH_URL = "--auth-url";
    /** Repeatable {@code key=value} Spark conf. */
    public static final String CONF = "--conf";
    /** The Python executable of Python contexts ({@code python3} on the PATH by default). */
    public static final String PYTHON = "--python";
    /** The R executable of R contexts ({@code R} on the PATH by default). */
    public static final String R = "--r";
    /** Repeatable: a jar of a plugin cell language, loaded at start (see {@link CellInterpreterFactory}). */
    public static final String LANGUAGE_JAR = "--language-jar";

    /**
     * The Spark conf key (in {@link #CONF_FILE} or {@link #CONF}) that gives the local root folder of {@code dbfs:/}
     * on the driver's host. The agent itself registers its file system for the {@code dbfs} scheme; without this key,
     * {@code dbfs:} paths fail saying it is missing.
     */
    public static final String DBFS_ROOT_CONF = "spark.hadoop.fs.dbfs.root";

    public static final int EXIT_BAD_ARGUMENTS = 2;
    public static final int EXIT_FAILED_START = 1;

    private AgentLaunch() {
    }
}
