package org.brickworks.clusters.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Driver agent jars copied out of their runtime bundles (whose entries vanish with the bundle) into a content-addressed
 * folder, {@code <sha1>.jar}: a driver keeps its jar when its runtime plugin is updated or removed.
 */
final class AgentJarCache {
    private final Path folder;

    AgentJarCache(Path folder) {
        this.folder = folder;
    }

    Path copy(URL agentJar) throws IOException {
        byte[] content;
        try (InputStream in = agentJar.openStream()) {
            content = in.readAllBytes();
        }
        Path target = folder.resolve(sha1(content) + ".jar");
        if (!Files.isRegularFile(target)) {
            Files.createDirectories(folder);
            Path partial = Files.createTempFile(folder, "agent", ".part");
            Files.write(partial, content);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static String sha1(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-1", e);
        }
    }
}
