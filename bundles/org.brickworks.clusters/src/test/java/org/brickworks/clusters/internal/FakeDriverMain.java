package org.brickworks.clusters.internal;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The main class of the test drivers, started by {@link LocalDriverProcesses} from a jar of its own: announces itself
 * in the ready file the test agent names and lives until it is killed, as a driver agent does.
 */
public final class FakeDriverMain {
    private FakeDriverMain() {
    }

    public static void main(String[] args) throws Exception {
        Path ready = Path.of(args[0]);
        Path partial = ready.resolveSibling(ready.getFileName() + ".tmp");
        Files.writeString(partial, "4242");
        Files.move(partial, ready);
        System.out.println("Fake driver ready: " + String.join(" ", args));
        Thread.sleep(Long.MAX_VALUE);
    }
}
