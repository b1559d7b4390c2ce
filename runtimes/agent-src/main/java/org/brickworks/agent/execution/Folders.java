package org.brickworks.agent.execution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The agent's own folders on the driver's host (its temporary folder, contexts' working directories). */
public final class Folders {

    private static final Logger LOG = LoggerFactory.getLogger(Folders.class);

    private Folders() {
    }

    /** Deletes the folder and everything in it, as far as it can (what cannot go is logged and left). */
    public static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.debug("Could not delete {}", folder, e);
        }
    }

    /** A new temporary folder of the agent, deleted with all it holds when the JVM exits. */
    public static Path temporary(String prefix) throws IOException {
        Path folder = Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder), "brickworks-cleanup"));
        return folder;
    }
}
