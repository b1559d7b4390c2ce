package org.brickworks.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.brickworks.agent.protocol.Ready;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Announces that the agent serves: the {@link Ready} record, written atomically (a temporary file moved into place),
 * so a poller never reads half a file.
 */
final class ReadyFile {

    private ReadyFile() {
    }

    static void write(Path path, Ready ready, ObjectMapper mapper) throws IOException {
        Path absolute = path.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".tmp");
        Files.write(temporary, mapper.writeValueAsBytes(ready));
        Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
