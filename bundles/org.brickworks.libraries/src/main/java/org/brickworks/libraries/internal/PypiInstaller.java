package org.brickworks.libraries.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs PyPI requirements with pip ({@code python -m pip install --target}) into a content-addressed cache:
 * {@code sets/<sha256 of the installed distributions>} holds one resolved set of packages, and
 * {@code requests/<sha256 of requirement and index>} remembers which set a request produced, so the same request
 * later needs neither pip nor the network. pip installs into a staging folder first; only a complete install becomes a
 * set, a failed one leaves nothing. Thread-safe.
 */
final class PypiInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(PypiInstaller.class);
    private static final Set<String> SCHEMES = Set.of("https", "http", "file");
    private static final int REASON_LINES = 8;

    private final Path root;
    private final String python;
    private final String defaultIndex;
    private final Duration timeout;

    /** {@code defaultIndex}: the index URL when a request names none; empty for pip's own configuration. */
    PypiInstaller(Path root, String python, String defaultIndex, Duration timeout) {
        this.root = root;
        this.python = python;
        this.defaultIndex = defaultIndex;
        this.timeout = timeout;
    }

    Path root() {
        return root;
    }

    /** Refuses what pip would misread: an empty requirement, an option, a bad index URL. */
    static void validate(String requirement, String indexUrl) {
        if (requirement == null || requirement.isBlank()) {
            throw BrickworksException.invalidParameter("Missing required field: pypi.package");
        }
        if (requirement.strip().startsWith("-") || requirement.contains("\n")) {
            throw BrickworksException.invalidParameter("Bad PyPI requirement '" + requirement
                    + "': expected a package name with an optional version specifier");
        }
        if (indexUrl != null && !indexUrl.isBlank()) {
            try {
                URI uri = new URI(indexUrl);
                if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme().toLowerCase())) {
                    throw BrickworksException.invalidParameter("Bad index URL '" + indexUrl + "': expected http(s)");
                }
            } catch (URISyntaxException e) {
                throw BrickworksException.invalidParameter("Bad index URL '" + indexUrl + "': " + e.getMessage());
            }
        }
    }

    /**
     * The folder holding {@code requirement} (a specifier or a wheel file's path) with its dependencies, installed by
     * pip from {@code indexUrl} (null: the configured one) unless an earlier request installed it.
     *
     * @throws BrickworksException
     *             {@code RESOURCE_DOES_NOT_EXIST} when pip finds no matching distribution, {@code INTERNAL_ERROR} for
     *             any other pip failure; the message ends with pip's own error lines
     */
    Path install(String requirement, String indexUrl) {
        validate(requirement, indexUrl);
        String index = index(indexUrl);
        Path request = request(requirement, index);
        Optional<Path> known = known(request);
        if (known.isPresent()) {
            return known.get();
        }
        Path staging = root.resolve(".staging").resolve(UUID.randomUUID().toString());
        try {
            Files.createDirectories(staging);
            runPip(requirement.strip(), index, staging);
            Path set = publish(staging);
            Files.createDirectories(request.getParent());
            Path pending = request.resolveSibling(request.getFileName() + "." + UUID.randomUUID());
            Files.writeString(pending, set.getFileName().toString());
            Files.move(pending, request, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return set;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the PyPI cache " + root, e);
        } finally {
            MavenEngine.deleteTree(staging);
        }
    }

    /** The folder an earlier {@link #install} of the same request produced, without running pip. */
    Optional<Path> installed(String requirement, String indexUrl) {
        return known(request(requirement, index(indexUrl)));
    }

    private String index(String indexUrl) {
        return indexUrl == null || indexUrl.isBlank() ? defaultIndex : indexUrl.strip();
    }

    private Path request(String requirement, String index) {
        return root.resolve("requests").resolve(Digests.sha256(requirement.strip() + "\n" + index));
    }

    private Optional<Path> known(Path request) {
        try {
            if (Files.isRegularFile(request)) {
                Path set = root.resolve("sets").resolve(Files.readString(request).strip());
                return Files.isDirectory(set) ? Optional.of(set) : Optional.empty();
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the PyPI cache " + root, e);
        }
    }

    private void runPip(String requirement, String index, Path target) throws IOException {
        List<String> command = new ArrayList<>(List.of(python, "-m", "pip", "install", "--no-input",
                "--disable-pip-version-check", "--no-warn-script-location", "--retries", "1", "--timeout", "30",
                "--target", target.toString()));
        if (!index.isEmpty()) {
            command.addAll(List.of("--index-url", index));
        }
        command.add(requirement);
        Path log = target.resolveSibling(target.getFileName() + ".log");
        long began = System.nanoTime();
        Process pip = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!pip.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                pip.destroyForcibly();
                throw new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE,
                        "pip did not install " + requirement + " within " + timeout.toSeconds() + " s");
            }
            if (pip.exitValue() != 0) {
                throw failure(requirement, Files.readAllLines(log, StandardCharsets.UTF_8));
            }
            LOG.info("pip installed {} in {} ms", requirement, (System.nanoTime() - began) / 1_000_000);
        } catch (InterruptedException e) {
            pip.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BrickworksException(ErrorCode.TEMPORARILY_UNAVAILABLE, "Interrupted installing " + requirement,
                    e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** pip's reason: its {@code ERROR:} lines (or its last lines when it printed none). */
    static BrickworksException failure(String requirement, List<String> output) {
        List<String> errors = output.stream().filter(line -> line.startsWith("ERROR:")).toList();
        List<String> reason = errors.isEmpty() ? output.subList(Math.max(0, output.size() - REASON_LINES),
                output.size()) : errors;
        String text = String.join(" ", reason).strip();
        ErrorCode code = text.contains("No matching distribution") || text.contains("Could not find a version")
                ? ErrorCode.RESOURCE_DOES_NOT_EXIST
                : ErrorCode.INTERNAL_ERROR;
        return new BrickworksException(code, "pip could not install " + requirement + ": " + text);
    }

    /** Moves a finished install to {@code sets/<digest of its distributions>} (kept when it exists already). */
    private Path publish(Path staging) throws IOException {
        String distributions;
        try (Stream<Path> entries = Files.list(staging)) {
            distributions = entries.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dist-info"))
                    .sorted().collect(Collectors.joining("\n"));
        }
        Path set = root.resolve("sets").resolve(Digests.sha256(distributions));
        Files.createDirectories(set.getParent());
        if (!Files.isDirectory(set)) {
            try {
                Files.move(staging, set, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isDirectory(set)) {
                    throw e;
                }
                // Another install of the same set finished first: it is the same content.
            }
        }
        return set;
    }
}
