package org.brickworks.agent;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * The driver agent's command line: {@code --secret-file <path>} (required), {@code --port <n>} (0 = any free port),
 * {@code --host <address>}, repeatable {@code --conf key=value}, {@code --conf-file <path>} (Spark conf as a
 * properties file, below the {@code --conf} values; the platform's share, which may hold secrets),
 * {@code --ready-file <path>}, and for Spark Connect
 * {@code --connect-port <n>} (0 = any free port; Connect is off without it) and {@code --auth-url <url>}, and the
 * executables of Python and R contexts, {@code --python <path>} and {@code --r <path>}.
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
 */
record AgentOptions(String secret, String host, int port, Map<String, String> sparkConf, Optional<Path> readyFile,
        OptionalInt connectPort, Optional<URI> authUrl, String python, String r) {

    private static final String USAGE = "usage: DriverAgent --secret-file <path> [--port <n>]"
            + " [--host <address>] [--conf key=value]... [--conf-file <path>] [--ready-file <path>]"
            + " [--connect-port <n>] [--auth-url <url>] [--python <path>] [--r <path>]";

    /** Parses the arguments; an {@link IllegalArgumentException} carries a readable message. */
    static AgentOptions parse(List<String> args) {
        Path secretFile = null;
        String host = "127.0.0.1";
        int port = 0;
        Map<String, String> conf = new LinkedHashMap<>();
        Map<String, String> fileConf = Map.of();
        Path readyFile = null;
        OptionalInt connectPort = OptionalInt.empty();
        URI authUrl = null;
        String python = "python3";
        String r = "R";
        for (int i = 0; i < args.size(); i += 2) {
            String name = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("missing value for " + name + "\n" + USAGE);
            }
            String value = args.get(i + 1);
            switch (name) {
            case "--secret-file" -> secretFile = Path.of(value);
            case "--host" -> host = value;
            case "--port" -> port = parsePort(name, value);
            case "--connect-port" -> connectPort = OptionalInt.of(parsePort(name, value));
            case "--auth-url" -> authUrl = parseHttpUrl(name, value);
            case "--conf" -> putConf(conf, value);
            case "--conf-file" -> fileConf = readConf(Path.of(value));
            case "--ready-file" -> readyFile = Path.of(value);
            case "--python" -> python = value;
            case "--r" -> r = value;
            default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            }
        }
        if (secretFile == null) {
            throw new IllegalArgumentException("--secret-file is required\n" + USAGE);
        }
        Map<String, String> sparkConf = new LinkedHashMap<>(fileConf);
        sparkConf.putAll(conf);
        return new AgentOptions(readSecret(secretFile), host, port, Map.copyOf(sparkConf), Optional.ofNullable(readyFile),
                connectPort, Optional.ofNullable(authUrl), python, r);
    }

    private static int parsePort(String name, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(name + " must be 0..65535, not " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not " + value, e);
        }
    }

    private static URI parseHttpUrl(String name, String value) {
        try {
            URI uri = new URI(value);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new IllegalArgumentException(name + " must be an absolute http(s) URL, not " + value);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " must be a URL, not " + value, e);
        }
    }

    private static void putConf(Map<String, String> conf, String keyValue) {
        int eq = keyValue.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--conf needs key=value, not " + keyValue);
        }
        conf.put(keyValue.substring(0, eq), keyValue.substring(eq + 1));
    }

    private static Map<String, String> readConf(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the conf file " + file + ": " + e, e);
        }
        Map<String, String> conf = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(key -> conf.put(key, properties.getProperty(key)));
        return conf;
    }

    private static String readSecret(Path secretFile) {
        try {
            String secret = Files.readAllLines(secretFile, StandardCharsets.UTF_8).stream().findFirst().orElse("")
                    .strip();
            if (secret.isEmpty()) {
                throw new IllegalArgumentException("the secret file " + secretFile + " is empty");
            }
            return secret;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the secret file " + secretFile + ": " + e, e);
        }
    }

    /** Never prints the secret, nor conf values (the platform's may be secrets). */
    @Override
    public String toString() {
        return "AgentOptions[host=" + host + ", port=" + port + ", sparkConf=" + sparkConf.keySet() + ", readyFile="
                + readyFile + ", connectPort=" + connectPort + ", authUrl=" + authUrl + ", python=" + python + ", r="
                + r + "]";
    }
}
