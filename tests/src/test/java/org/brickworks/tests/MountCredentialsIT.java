package org.brickworks.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.stream.Stream;

import org.brickworks.secrets.api.CredentialSealer;
import org.brickworks.store.api.Store;
import org.brickworks.store.api.SqlWork;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * No plaintext credential in the store: an Azure mount made with an account key keeps its settings sealed (the row
 * and the H2 file's bytes hold no key), a plaintext row from before sealing is sealed when DBFS starts and still
 * serves, and a master key rotation leaves the mounts readable after a restart of DBFS.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MountCredentialsIT extends PlatformTestSupport {
    private static final String SOURCE = "wasbs://data@devstoreaccount1.blob.core.windows.net";

    @Test
    public void mountCredentialsAreSealedAtRest() throws Exception {
        try (Azurite azurite = Azurite.start(Files.createTempDirectory("azurite"))) {
            azurite.createContainer("data");
            ObjectNode mount = JSON.createObjectNode().put("source", SOURCE + "/sealed").put("mount_point",
                    "/mnt/sealed");
            mount.putObject("extra_configs").put("fs.azure.account.key.devstoreaccount1.blob.core.windows.net",
                    Azurite.KEY).put("azure.endpoint", azurite.endpoint());
            ok(post("/api/2.0/dbfs/mount", admin, mount.toString()));
            ok(post("/api/2.0/dbfs/put", admin,
                    "{\"path\":\"/mnt/sealed/a.txt\",\"contents\":\"" + base64("a") + "\"}"));

            String row = settingsOf("/mnt/sealed");
            assertTrue(row, CredentialSealer.isSealed(row));
            assertFalse(row, row.contains(Azurite.KEY) || row.contains("account.key"));
            assertFalse("the H2 file holds the account key", storeFilesContain(Azurite.KEY));
            assertFalse(get("/api/2.0/dbfs/mounts", admin).body().toString().contains(Azurite.KEY));
            assertFalse(shell("bw:fs-mounts").contains(Azurite.KEY));

            // A row as the platform wrote it before sealing: sealed when DBFS starts, and it serves.
            String plaintext = "{\"fs.azure.account.key.devstoreaccount1.blob.core.windows.net\":\"" + Azurite.KEY
                    + "\",\"azure.endpoint\":\"" + azurite.endpoint() + "\"}";
            withStore(c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO dbfs_mounts (mount_point, source, extra_configs) VALUES (?, ?, ?)")) {
                    s.setString(1, "/mnt/legacy");
                    s.setString(2, SOURCE + "/legacy");
                    s.setString(3, plaintext);
                    return s.executeUpdate();
                }
            });
            assertTrue("the check of the H2 file finds a plaintext key", storeFilesContain(Azurite.KEY));
            restartDbfs();
            await("the legacy mount sealed", () -> CredentialSealer.isSealed(settingsOf("/mnt/legacy")));
            assertFalse(settingsOf("/mnt/legacy").contains(Azurite.KEY));
            ok(post("/api/2.0/dbfs/put", admin, "{\"path\":\"/mnt/legacy/b.txt\",\"contents\":\"" + base64("b")
                    + "\"}"));
            assertEquals("b", read("/mnt/legacy/b.txt"));

            assertTrue(shell("bw:secrets-rotate-key").startsWith("Wrapped the data keys of "));
            restartDbfs();
            assertEquals("a", read("/mnt/sealed/a.txt"));
            assertEquals("b", read("/mnt/legacy/b.txt"));

            ok(post("/api/2.0/dbfs/unmount", admin, "{\"mount_point\":\"/mnt/sealed\"}"));
            ok(post("/api/2.0/dbfs/unmount", admin, "{\"mount_point\":\"/mnt/legacy\"}"));
        }
    }

    private void ok(Answer answer) {
        assertEquals(answer.body().toString(), 200, answer.status());
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private String read(String path) throws Exception {
        Answer answer = get("/api/2.0/dbfs/read?path=" + path, admin);
        ok(answer);
        return new String(Base64.getDecoder().decode(answer.body().path("data").asText()), StandardCharsets.UTF_8);
    }

    private void restartDbfs() throws Exception {
        Bundle dbfs = Stream.of(context.getBundles()).filter(b -> b.getSymbolicName().equals("org.brickworks.dbfs"))
                .findFirst().orElseThrow();
        dbfs.stop();
        dbfs.start();
    }

    private String settingsOf(String mountPoint) {
        try {
            return withStore(c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT extra_configs FROM dbfs_mounts WHERE mount_point = ?")) {
                    s.setString(1, mountPoint);
                    try (ResultSet r = s.executeQuery()) {
                        return r.next() ? r.getString(1) : "";
                    }
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether any file of the H2 store, written out by a checkpoint, holds {@code text} in UTF-8 or as its base64. */
    private boolean storeFilesContain(String text) throws Exception {
        withStore(c -> {
            try (Statement s = c.createStatement()) {
                return s.execute("CHECKPOINT SYNC");
            }
        });
        byte[][] needles = { text.getBytes(StandardCharsets.UTF_8),
                Base64.getEncoder().encode(text.getBytes(StandardCharsets.UTF_8)) };
        try (Stream<Path> files = Files.list(dataDirectory().resolve("store"))) {
            for (Path file : files.toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (byte[] needle : needles) {
                    if (bytes.contains(new String(needle, StandardCharsets.ISO_8859_1))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private <T> T withStore(SqlWork<T> work) throws Exception {
        ServiceReference<Store> reference = context.getServiceReferences(Store.class, Store.SHARED).iterator().next();
        Store store = context.getService(reference);
        try {
            return store.transaction(work);
        } finally {
            context.ungetService(reference);
        }
    }
}
