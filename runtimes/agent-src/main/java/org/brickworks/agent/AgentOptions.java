package org.brickworks.agent;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

import org.brickworks.agent.protocol.AgentLaunch;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The driver agent's options ({@link AgentCommandLine}, names from {@link AgentLaunch}), checked and read.
 *
 * @param secret
 *            the per-cluster secret, read from the first line of the secret file
 * @param host
 *            the address the HTTP server binds to
 * @param port
 *            the HTTP port, 0 for any free port
 * @param sparkConf
 *            Spark configuration: the conf file's, then the command line's in its order
 * @param readyFile
 *            where to announce readiness, if anywhere
 * @param connectPort
 *            the Spark Connect port (0 for any free port), empty when Connect is off
 * @param authUrl
 *            where Spark Connect verifies tokens other than the secret (an HTTP GET answering 200 accepts), if anywhere
 * @param python
 *            the Python executable of Python contexts ({@code python3}, found on the PATH, by default)
 * @param r
 *            the R executable of R contexts ({@code R}, found on the PATH, by default)
 * @param languageJars
 *            the jars of plugin languages to load at start, readable files
 */
record AgentOptions(String secret, String host, int port, Map<String, String> sparkConf, Optional<Path> readyFile,
        OptionalInt connectPort, Optional<URI> authUrl, String python, String r, List<Path> languageJars) {

    /**
     * Parses and checks the arguments.
     *
     * @return the options, or empty when {@code --help} asked for the usage (printed on standard output)
     * @throws ParameterException
     *             with a readable message; its command line prints the usage
     */
    static Optional<AgentOptions> parse(List<String> args) {
        AgentCommandLine options = new AgentCommandLine();
        CommandLine commandLine = new CommandLine(options);
        commandLine.parseArgs(args.toArray(String[]::new));
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(System.out);
            return Optional.empty();
        }
        return Optional.of(new Checks(commandLine).of(options));
    }

    /** What picocli cannot check alone, refused with {@link ParameterException}s. */
    private record Checks(CommandLine commandLine) {

        AgentOptions of(AgentCommandLine options) {
            Map<String, String> sparkConf = new LinkedHashMap<>(
                    options.confFile == null ? Map.of() : readConf(options.confFile));
            sparkConf.putAll(options.conf);
            options.languageJars.forEach(this::requireReadable);
            return new AgentOptions(readSecret(options.secretFile), options.host,
                    port(AgentLaunch.PORT, options.port), Map.copyOf(sparkConf),
                    Optional.ofNullable(options.readyFile),
                    options.connectPort == null ? OptionalInt.empty()
                            : OptionalInt.of(port(AgentLaunch.CONNECT_PORT, options.connectPort)),
                    Optional.ofNullable(options.authUrl).map(this::httpUrl), options.python, options.r,
                    List.copyOf(options.languageJars));
        }

        private ParameterException refused(String message) {
            return new ParameterException(commandLine, message);
        }

        private int port(String option, int port) {
            if (port < 0 || port > 65535) {
                throw refused(option + " must be 0..65535, not " + port);
            }
            return port;
        }

        private URI httpUrl(URI uri) {
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw refused(AgentLaunch.AUTH_URL + " must be an absolute http(s) URL, not " + uri);
            }
            return uri;
        }

        private void requireReadable(Path jar) {
            if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
                throw refused(AgentLaunch.LANGUAGE_JAR + " " + jar + " is not a readable file");
            }
        }

        private Map<String, String> readConf(Path file) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException e) {
                throw refused("cannot read the conf file " + file + ": " + e);
            }
            Map<String, String> conf = new LinkedHashMap<>();
            properties.stringPropertyNames().stream().sorted()
                    .forEach(key -> conf.put(key, properties.getProperty(key)));
            return conf;
        }

        private String readSecret(Path secretFile) {
            try {
                String secret = Files.readAllLines(secretFile, StandardCharsets.UTF_8).stream().findFirst().orElse("")
                        .strip();
                if (secret.isEmpty()) {
                    throw refused("the secret file " + secretFile + " is empty");
                }
                return secret;
            } catch (IOException e) {
                throw refused("cannot read the secret file " + secretFile + ": " + e);
            }
        }
    }

    /** Never prints the secret, nor conf values (the platform's may be secrets). */
    @Override
    public String toString() {
        return "AgentOptions[host=" + host + ", port=" + port + ", sparkConf=" + sparkConf.keySet() + ", readyFile="
                + readyFile + ", connectPort=" + connectPort + ", authUrl=" + authUrl + ", python=" + python + ", r="
                + r + ", languageJars=" + languageJars + "]";
    }
}
