package org.brickworks.tests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The README's shell examples run as printed: every {@code ```sh} block, in order, in one bash session ({@code set
 * -euo pipefail}, so a variable set in one block is there in the next), against a fresh copy of the built distribution
 * that this test starts as the README says, on the README's ports (8080, 8101). A block right after a
 * {@code <!-- not run: reason -->} line is skipped. The blocks run in a folder laid out like the repository (the
 * distribution in {@code product/target/brickworks}, {@code tests/} and the p2 repository linked), so the build output
 * and the repository stay untouched. A failing command fails the test naming its block and what the block printed.
 */
public class ReadmeIT {
    private static final Pattern BLOCK = Pattern.compile("(?ms)^```sh\\n(.*?)^```\\s*$");
    private static final Pattern NOT_RUN = Pattern.compile("<!-- not run: [^>]+-->\\s*$");
    private static final int HTTP_PORT = 8080;
    private static final int SSH_PORT = 8101;
    private static final Duration PATIENCE = Duration.ofMinutes(20);
    private static final String MARK = "@@readme-block ";
    private static final ProcessBuilder.Redirect NOTHING = ProcessBuilder.Redirect.from(new File("/dev/null"));

    private Path root;
    private Path home;
    private Process platform;
    private boolean passed;

    /** One {@code ```sh} block: its number among the README's sh blocks (from 1), line, text, and whether it runs. */
    record Block(int number, int line, String text, boolean runs) {
        @Override
        public String toString() {
            return "README.md block " + number + " (line " + line + ")";
        }
    }

    @Before
    public void layOutRepository() throws Exception {
        root = Files.createTempDirectory("brickworks-readme");
        home = root.resolve("product/target/brickworks");
        copy(Features.DISTRIBUTION, home);
        Files.createSymbolicLink(root.resolve("tests"), Features.ROOT.resolve("tests"));
        Files.createSymbolicLink(root.resolve("examples"), Features.ROOT.resolve("examples"));
        Files.createSymbolicLink(root.resolve("product/target/repository"), Features.REPOSITORY);
    }

    /** Stops the platform; its folder stays for a look after a failure. */
    @After
    public void stopPlatform() throws Exception {
        if (platform != null && platform.isAlive()) {
            platform.destroy();
            if (!platform.waitFor(30, TimeUnit.SECONDS)) {
                platform.destroyForcibly();
            }
        }
        if (passed) {
            try (Stream<Path> files = Files.walk(root)) { // links are removed, not followed
                for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(path);
                }
            }
        }
    }

    @Test
    public void everyShellBlockRunsAsPrinted() throws Exception {
        List<Block> blocks = blocks(Files.readString(Features.ROOT.resolve("README.md")));
        assertTrue("the README has shell blocks that run", blocks.stream().filter(Block::runs).count() > 5);
        start();

        Path script = root.resolve("readme.sh");
        Files.writeString(script, script(blocks));
        Path output = root.resolve("readme.out");
        ProcessBuilder runner = new ProcessBuilder("bash", script.toString()).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).redirectInput(NOTHING);
        environment(runner.environment());
        // A fresh platform has a new SSH host key: the client's ~/.brickworks/known_hosts is this test's own.
        Path userHome = Files.createDirectories(root.resolve("home"));
        runner.environment().put("JAVA_TOOL_OPTIONS", "-Duser.home=" + userHome);
        Process bash = runner.start();
        boolean finished = bash.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            bash.descendants().forEach(ProcessHandle::destroy);
            bash.destroy();
        }
        String printed = Files.readString(output);
        if (!finished || bash.exitValue() != 0) {
            fail(failure(blocks, printed, finished ? "exited with " + bash.exitValue()
                    : "was still running after " + PATIENCE.toMinutes() + " min"));
        }
        try (Stream<Path> entries = Files.list(root)) {
            List<String> written = entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> !Set
                            .of("product", "tests", "examples", "home", "readme.sh", "readme.out", "platform.out")
                            .contains(name))
                    .toList();
            assertTrue("the README's commands wrote into the repository's folder: " + written, written.isEmpty());
        }
        passed = true;
    }

    /** The README's sh blocks in order, each marked whether it runs. */
    static List<Block> blocks(String readme) {
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(readme);
        while (matcher.find()) {
            String before = readme.substring(0, matcher.start()).stripTrailing();
            int line = (int) readme.substring(0, matcher.start()).lines().count() + 1;
            blocks.add(new Block(blocks.size() + 1, line, matcher.group(1), !NOT_RUN.matcher(before).find()));
        }
        return blocks;
    }

    /** One script of every block that runs, each announced by a mark line so that a failure can be placed. */
    static String script(List<Block> blocks) {
        StringBuilder script = new StringBuilder("set -euo pipefail\ntrap 'echo \"Failed: $BASH_COMMAND\" >&2' ERR\n");
        for (Block block : blocks) {
            if (block.runs()) {
                script.append("echo '").append(MARK).append(block.number()).append("'\n").append(block.text())
                        .append("\necho\n");
            }
        }
        return script.toString();
    }

    private static String failure(List<Block> blocks, String printed, String how) {
        int at = printed.lastIndexOf(MARK);
        if (at < 0) {
            return "The README's shell blocks " + how + " before the first block:\n" + printed;
        }
        String rest = printed.substring(at + MARK.length());
        int number = Integer.parseInt(rest.substring(0, rest.indexOf('\n')).strip());
        Block block = blocks.get(number - 1);
        return block + " " + how + ":\n" + block.text() + "\n--- it printed:\n" + rest.substring(rest.indexOf('\n')
                + 1);
    }

    /** {@code bin/brickworks} without a terminal, as the README's start command but in the background. */
    private void start() throws Exception {
        for (int port : List.of(HTTP_PORT, SSH_PORT)) {
            assertFalse("port " + port + ", which the README uses, is taken by another program", listening(port));
        }
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/brickworks").toString())
                .redirectInput(NOTHING).redirectErrorStream(true)
                .redirectOutput(root.resolve("platform.out").toFile());
        environment(builder.environment());
        platform = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!(healthy() && Files.exists(home.resolve("data/admin-token")) && listening(SSH_PORT))) {
            assertTrue("the platform exited at its start: " + Files.readString(root.resolve("platform.out")),
                    platform.isAlive());
            if (System.nanoTime() > deadline) {
                fail("the platform did not start within 120 s");
            }
            Thread.sleep(100); // polling interval of a condition wait
        }
    }

    /** The README's defaults: no BRICKWORKS_ setting of the caller's reaches the platform or the blocks. */
    private static void environment(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("BRICKWORKS_"));
    }

    private static boolean healthy() {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + HTTP_PORT + "/api/2.0/health")).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The distribution without what a run in place may have left in its data folder. */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(source);
                if (relative.startsWith("data") && relative.getNameCount() > 1) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
