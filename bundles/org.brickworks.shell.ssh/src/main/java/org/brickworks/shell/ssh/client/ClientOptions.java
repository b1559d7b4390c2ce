package org.brickworks.shell.ssh.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The client's command line: {@code [--host H] [--port P] [--token T] [--data D] [--known-hosts F] <command...>}.
 * Options come first; the first other word starts the command, whose words are joined with spaces. Defaults: host
 * {@code 127.0.0.1}; port from {@code BRICKWORKS_SSH_PORT} else {@value #DEFAULT_PORT}; token from
 * {@code BRICKWORKS_TOKEN} else the file {@code <data>/admin-token}, data being {@code BRICKWORKS_DATA} else
 * {@code data}; known hosts {@code ~/.brickworks/known_hosts}. {@code tokenSource} says where the token came from, for
 * messages; {@link #toString()} never shows the token.
 */
record ClientOptions(String host, int port, String token, String tokenSource, Path knownHosts, String command) {

    static final int DEFAULT_PORT = 8101;
    static final String USAGE = "Usage: brickworks-client [--host H] [--port P] [--token T] [--data D]"
            + " [--known-hosts F] <command words...>";

    private static final Set<String> OPTIONS = Set.of("--host", "--port", "--token", "--data", "--known-hosts");

    /** A usage or setup problem, told to the user in one line. */
    static final class InvalidOptionsException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidOptionsException(String message) {
            super(message);
        }
    }

    private record Token(String value, String source) {
    }

    /** Whether {@code --help} or {@code -h} comes among the options, before the command. */
    static boolean wantsHelp(List<String> args) {
        for (int i = 0; i < args.size() && args.get(i).startsWith("-"); i++) {
            if (List.of("--help", "-h").contains(args.get(i))) {
                return true;
            }
            if (OPTIONS.contains(args.get(i))) {
                i++; // skip its value
            }
        }
        return false;
    }

    static ClientOptions parse(List<String> args, Map<String, String> env, Path userHome)
            throws InvalidOptionsException {
        Map<String, String> options = new HashMap<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!words.isEmpty() || !arg.startsWith("--")) {
                words.add(arg);
            } else if (arg.equals("--")) {
                words.addAll(args.subList(i + 1, args.size()));
                break;
            } else if (OPTIONS.contains(arg) && i + 1 < args.size()) {
                options.put(arg, args.get(++i));
            } else {
                throw new InvalidOptionsException("Unknown option or missing value: " + arg);
            }
        }
        if (words.isEmpty()) {
            throw new InvalidOptionsException("No command given");
        }
        Token token = token(options, env);
        return new ClientOptions(options.getOrDefault("--host", "127.0.0.1"),
                port(options.getOrDefault("--port", env.get("BRICKWORKS_SSH_PORT"))), token.value(), token.source(),
                knownHosts(options.get("--known-hosts"), userHome), String.join(" ", words));
    }

    @Override
    public String toString() {
        return "ClientOptions[" + host + ":" + port + ", token from " + tokenSource + ", " + command + "]";
    }

    private static int port(String value) throws InvalidOptionsException {
        if (value == null || value.isBlank()) {
            return DEFAULT_PORT;
        }
        int port;
        try {
            port = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidOptionsException("Not a port number: " + value);
        }
        if (port < 1 || port > 65535) {
            throw new InvalidOptionsException("Not a port number: " + value);
        }
        return port;
    }

    private static Token token(Map<String, String> options, Map<String, String> env) throws InvalidOptionsException {
        if (options.containsKey("--token")) {
            return new Token(options.get("--token").strip(), "--token");
        }
        String fromEnv = env.get("BRICKWORKS_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Token(fromEnv.strip(), "BRICKWORKS_TOKEN");
        }
        String data = options.getOrDefault("--data", env.getOrDefault("BRICKWORKS_DATA", "data"));
        Path file = Path.of(data).resolve("admin-token");
        try {
            return new Token(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString());
        } catch (IOException e) {
            throw new InvalidOptionsException("No token: pass --token, set BRICKWORKS_TOKEN or create " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static Path knownHosts(String option, Path userHome) {
        return option != null ? Path.of(option) : userHome.resolve(".brickworks").resolve("known_hosts");
    }
}
