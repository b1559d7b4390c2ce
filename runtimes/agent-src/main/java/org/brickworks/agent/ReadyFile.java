package org.brickworks.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Announces that the agent serves: {@code {"port":N,"spark_version":"3.5.7","pid":P}}, plus {@code "connect_port":C}
 * when Spark Connect is on, written atomically (a temporary file moved into place), so a poller never reads half a
 * file.
 */
final class ReadyFile {

    private ReadyFile() {
    }

    static void write(Path path, int port, String sparkVersion, OptionalInt connectPort, ObjectMapper mapper)
            throws IOException {
        ObjectNode ready = mapper.createObjectNode().put("port", port).put("spark_version", sparkVersion).put("pid",
                ProcessHandle.current().pid());
        connectPort.ifPresent(connect -> ready.put("connect_port", connect));
        Path absolute = path.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".tmp");
        Files.write(temporary, mapper.writeValueAsBytes(ready));
        Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
