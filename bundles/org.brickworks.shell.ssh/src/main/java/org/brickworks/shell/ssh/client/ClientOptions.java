package org.brickworks.shell.ssh.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * The client's command line: {@code [--host H] [--port P] [--token T] [--data D] [--known-hosts F] <command>
 * [<argument>...]}, parsed by picocli. Options come first; the first other word starts the command, and every word
 * from there on is the command's own, options included, each passed on as exactly one argument (see
 * {@link GogoLine}). Defaults: host {@code 127.0.0.1}; port from {@code BRICKWORKS_SSH_PORT} else
 * {@value #DEFAULT_PORT}; token from {@code BRICKWORKS_TOKEN} else the file {@code <data>/admin-token}, data being
 * {@code BRICKWORKS_DATA} else {@code data}; known hosts {@code ~/.brickworks/known_hosts}. {@code tokenSource} says
 * where the token came from, for messages; {@link #toString()} never shows the token.
 *
 * @param command
 *            the command line for the server's Gogo shell
 */
record ClientOptions(String host, int port, String token, String tokenSource, Path knownHosts, String command) {

    static final int DEFAULT_PORT = 8101;
    /** Wide enough for the synopsis on one line. */
    private static final int USAGE_WIDTH = 110;

    /** A usage or setup problem, told to the user in one line. */
    static final class InvalidOptionsException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidOptionsException(String message) {
            super(message);
        }
    }

    @Command(name = "brickworks-client", sortOptions = false, description = "Runs one command of the Brickworks "
            + "shell over SSH and exits with its status: 0 done, 1 the command failed, 2 the client could not run it.")
    private static final class Arguments {
        @Option(names = "--host", paramLabel = "H", description = "SSH host of the platform (127.0.0.1)")
        String host = "127.0.0.1";
        @Option(names = "--port", paramLabel = "P", description = "SSH port (BRICKWORKS_SSH_PORT, else 8101)")
        String port;
        @Option(names = "--token", paramLabel = "T", description = "personal access token (BRICKWORKS_TOKEN, else "
                + "the file <data>/admin-token)")
        String token;
        @Option(names = "--data", paramLabel = "D", description = "the platform's data folder (BRICKWORKS_DATA, "
                + "else data)")
        String data;
        @Option(names = "--known-hosts", paramLabel = "F", description = "known SSH servers "
                + "(~/.brickworks/known_hosts)")
        Path knownHosts;
        @Option(names = { "-h", "--help" }, usageHelp = true, description = "show this help")
        boolean help;
        @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "the command and its arguments, each passed "
                + "on as one argument, e.g. bw:sql <cluster id> \"SELECT * FROM t\"")
        List<String> command;
    }

    private record Token(String value, String source) {
    }

    /** Whether {@code --help} or {@code -h} comes among the options, before the command. */
    static boolean wantsHelp(List<String> args) {
        try {
            return commandLine(new Arguments()).parseArgs(args.toArray(String[]::new)).isUsageHelpRequested();
        } catch (ParameterException e) {
            return false;
        }
    }

    static String usage() {
        return commandLine(new Arguments()).getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing();
    }

    /** The usage's first line. */
    static String synopsis() {
        return commandLine(new Arguments()).getHelp().synopsis(0).stripTrailing();
    }

    static ClientOptions parse(List<String> args, Map<String, String> env, Path userHome)
            throws InvalidOptionsException {
        Arguments arguments = new Arguments();
        try {
            commandLine(arguments).parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new InvalidOptionsException(e.getMessage());
        }
        if (!GogoLine.isCommandName(arguments.command.get(0))) {
            throw new InvalidOptionsException("Not a command name: " + arguments.command.get(0) + " (give the "
                    + "command and each of its arguments as words of their own: bw:sql <cluster id> \"SELECT 1\")");
        }
        Token token = token(arguments, env);
        return new ClientOptions(arguments.host, port(arguments.port != null ? arguments.port
                : env.get("BRICKWORKS_SSH_PORT")), token.value(), token.source(),
                arguments.knownHosts != null ? arguments.knownHosts
                        : userHome.resolve(".brickworks").resolve("known_hosts"),
                GogoLine.of(arguments.command));
    }

    @Override
    public String toString() {
        return "ClientOptions[" + host + ":" + port + ", token from " + tokenSource + ", " + command + "]";
    }

    /**
     * Options only before the command; no {@code @file} expansion, which would replace a command's argument
     * starting with {@code @} by a file's contents; an option given twice takes its last value, so that the user's
     * {@code --data} wins over the one {@code bin/brickworks-client} puts first.
     */
    private static CommandLine commandLine(Arguments arguments) {
        return new CommandLine(arguments).setStopAtPositional(true).setExpandAtFiles(false)
                .setOverwrittenOptionsAllowed(true).setUsageHelpWidth(USAGE_WIDTH);
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

    private static Token token(Arguments arguments, Map<String, String> env) throws InvalidOptionsException {
        if (arguments.token != null) {
            return new Token(arguments.token.strip(), "--token");
        }
        String fromEnv = env.get("BRICKWORKS_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Token(fromEnv.strip(), "BRICKWORKS_TOKEN");
        }
        String data = arguments.data != null ? arguments.data : env.getOrDefault("BRICKWORKS_DATA", "data");
        Path file = Path.of(data).resolve("admin-token");
        try {
            return new Token(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString());
        } catch (IOException e) {
            throw new InvalidOptionsException("No token: pass --token, set BRICKWORKS_TOKEN or create " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
