package org.brickworks.agent;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.brickworks.agent.protocol.AgentLaunch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The agent's options as picocli reads them (names from {@link AgentLaunch}); {@link AgentOptions} checks them. */
@Command(name = AgentLaunch.MAIN_CLASS, sortOptions = false, usageHelpAutoWidth = true,
        description = "The driver of a Brickworks cluster: Spark, its execution contexts and an HTTP API for the"
                + " platform, announced in the ready file once it serves.")
final class AgentCommandLine {

    @Option(names = AgentLaunch.SECRET_FILE, required = true, paramLabel = "<file>",
            description = "A file whose first line is the cluster's secret, the bearer token of every call.")
    Path secretFile;

    @Option(names = AgentLaunch.READY_FILE, paramLabel = "<file>",
            description = "Where to write {\"port\",\"sparkVersion\",\"pid\",\"connectPort\"} once the agent serves.")
    Path readyFile;

    @Option(names = AgentLaunch.HOST, paramLabel = "<address>", defaultValue = "127.0.0.1",
            description = "The address the HTTP API binds to (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = AgentLaunch.PORT, paramLabel = "<port>", defaultValue = "0",
            description = "The HTTP API's port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = AgentLaunch.CONF, paramLabel = "<key=value>",
            description = "Spark conf, over the conf file's and the agent's defaults (repeatable).")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = AgentLaunch.CONF_FILE, paramLabel = "<file>",
            description = "Spark conf as a properties file, below --conf; its values are never printed.")
    Path confFile;

    @Option(names = AgentLaunch.CONNECT_PORT, paramLabel = "<port>",
            description = "Serve Spark Connect on this port, 0 for any free one; off without it.")
    Integer connectPort;

    @Option(names = AgentLaunch.AUTH_URL, paramLabel = "<url>",
            description = "Where other tokens than the secret are checked (an HTTP GET answering 200 accepts one);"
                    + " its host is the platform dbutils calls back.")
    URI authUrl;

    @Option(names = AgentLaunch.PYTHON, paramLabel = "<path>", defaultValue = "python3",
            description = "The Python executable of Python contexts (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = AgentLaunch.R, paramLabel = "<path>", defaultValue = "R",
            description = "The R executable of R contexts (default: ${DEFAULT-VALUE}).")
    String r;

    @Option(names = AgentLaunch.LANGUAGE_JAR, paramLabel = "<jar>",
            description = "A jar of plugin cell languages, loaded at start (repeatable).")
    List<Path> languageJars = new ArrayList<>();

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
