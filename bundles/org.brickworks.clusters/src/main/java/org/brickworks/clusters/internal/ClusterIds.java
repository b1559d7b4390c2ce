package org.brickworks.clusters.internal;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** New cluster ids in Databricks' form, e.g. {@code 1125-145701-a1b2c3d4}. Thread-safe. */
final class ClusterIds {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("MMdd-HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClusterIds() {
    }

    static String next() {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            suffix.append(Character.forDigit(RANDOM.nextInt(36), 36));
        }
        return ID_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + suffix;
    }
}
