package org.brickworks.tests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * DBFS on Azure Blob Storage: a container of a real Azurite mounted at /mnt/az through the API, then the DBFS API
 * (put, streaming upload, read, list, move, delete) on it, the mount in the drivers' table but never in answers, and
 * the shell's fs-mounts and fs-ls.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DbfsAzureIT extends PlatformTestSupport {
    private Answer call(String endpoint, String body) throws Exception {
        return post("/api/2.0/dbfs/" + endpoint, admin, body);
    }

    private void ok(Answer answer) {
        assertEquals(answer.body().toString(), 200, answer.status());
    }

    @Test
    public void mountedContainerServesTheDbfsApi() throws Exception {
        try (Azurite azurite = Azurite.start(Files.createTempDirectory("azurite"))) {
            azurite.createContainer("data");
            ObjectNode mount = JSON.createObjectNode()
                    .put("source", "wasbs://data@devstoreaccount1.blob.core.windows.net/landing")
                    .put("mount_point", "/mnt/az");
            mount.putObject("extra_configs").put("azure.connection.string", azurite.connectionString());
            ok(call("mount", mount.toString()));

            JsonNode mounts = get("/api/2.0/dbfs/mounts", admin).body();
            assertEquals("/mnt/az", mounts.path("mounts").path(0).path("mount_point").asText());
            assertFalse(mounts.toString(), mounts.toString().contains(Azurite.KEY));
            // Drivers get the table over the agent protocol: no copy of the credentials on the platform's disk.
            assertFalse(Files.exists(dataDirectory().resolve("dbfs-mounts.json")));

            ok(call("put", "{\"path\":\"/mnt/az/in/a.csv\",\"contents\":\""
                    + Base64.getEncoder().encodeToString("id,n\n1,2\n".getBytes()) + "\"}"));
            JsonNode read = get("/api/2.0/dbfs/read?path=dbfs:/mnt/az/in/a.csv", admin).body();
            assertEquals("id,n\n1,2\n", new String(Base64.getDecoder().decode(read.path("data").asText())));

            byte[] data = new byte[9 * 1024 * 1024 + 5]; // more blocks staged in the background than one

            new Random(3).nextBytes(data);
            long handle = call("create", "{\"path\":\"/mnt/az/big/blob.bin\"}").body().path("handle").asLong();
            for (int at = 0; at < data.length; at += 1 << 20) {
                ok(call("add-block", "{\"handle\":" + handle + ",\"data\":\"" + Base64.getEncoder()
                        .encodeToString(Arrays.copyOfRange(data, at, Math.min(data.length, at + (1 << 20)))) + "\"}"));
            }
            assertEquals(404, get("/api/2.0/dbfs/get-status?path=/mnt/az/big/blob.bin", admin).status());
            ok(call("close", "{\"handle\":" + handle + "}"));
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            for (long offset = 0; offset < data.length; offset += 1 << 20) {
                back.writeBytes(Base64.getDecoder().decode(get("/api/2.0/dbfs/read?path=/mnt/az/big/blob.bin&offset="
                        + offset + "&length=1048576", admin).body().path("data").asText()));
            }
            assertArrayEquals(data, back.toByteArray());

            failedBlockFailsCloseAndLeavesTheOldFile(azurite);

            JsonNode listed = get("/api/2.0/dbfs/list?path=/mnt/az", admin).body().path("files");
            assertEquals(listed.toString(), "/mnt/az/big", listed.path(0).path("path").asText());
            assertEquals(listed.toString(), 3, listed.size());
            assertTrue(listed.path(0).path("is_dir").asBoolean());
            assertEquals("/mnt/az/in", listed.path(1).path("path").asText());
            assertTrue(get("/api/2.0/dbfs/list?path=/mnt", admin).body().toString().contains("/mnt/az"));

            ok(call("mkdirs", "{\"path\":\"/mnt/az/empty/dir\"}"));
            assertTrue(get("/api/2.0/dbfs/get-status?path=/mnt/az/empty/dir", admin).body().path("is_dir")
                    .asBoolean());
            ok(call("move", "{\"source_path\":\"/mnt/az/in\",\"destination_path\":\"/mnt/az/moved\"}"));
            assertEquals(404, get("/api/2.0/dbfs/get-status?path=/mnt/az/in/a.csv", admin).status());
            assertEquals(9, get("/api/2.0/dbfs/get-status?path=/mnt/az/moved/a.csv", admin).body()
                    .path("file_size").asLong());
            ok(call("move", "{\"source_path\":\"/mnt/az/moved/a.csv\",\"destination_path\":\"/local-from-az.csv\"}"));
            assertEquals("id,n\n1,2\n", Files.readString(dataDirectory().resolve("dbfs/local-from-az.csv")));

            assertEquals("IO_ERROR", call("delete", "{\"path\":\"/mnt/az/big\"}").errorCode());
            ok(call("delete", "{\"path\":\"/mnt/az/big\",\"recursive\":true}"));
            assertEquals(404, get("/api/2.0/dbfs/get-status?path=/mnt/az/big", admin).status());

            assertTrue(shell("bw:fs-mounts").contains("wasbs://data@devstoreaccount1.blob.core.windows.net/landing"));
            assertFalse(shell("bw:fs-mounts").contains(Azurite.KEY));
            assertTrue(shell("bw:fs-ls /mnt/az").contains("/mnt/az/empty/"));

            ObjectNode badKey = JSON.createObjectNode()
                    .put("source", "wasbs://data@devstoreaccount1.blob.core.windows.net")
                    .put("mount_point", "/mnt/bad");
            badKey.putObject("extra_configs").put("azure.connection.string",
                    azurite.connectionString().replace(Azurite.KEY, Base64.getEncoder().encodeToString(new byte[64])));
            Answer refused = call("mount", badKey.toString());
            assertEquals(refused.body().toString(), "INVALID_PARAMETER_VALUE", refused.errorCode());
            assertFalse(refused.body().toString().contains("AccountKey"));

            // The cause, not an exception's class name: a key that is not base64, a port nobody listens on.
            ObjectNode notBase64 = JSON.createObjectNode()
                    .put("source", "wasbs://data@devstoreaccount1.blob.core.windows.net")
                    .put("mount_point", "/mnt/bad");
            notBase64.putObject("extra_configs").put("fs.azure.account.key.devstoreaccount1.blob.core.windows.net",
                    "not-base64!").put("azure.endpoint", azurite.endpoint());
            Answer invalidKey = call("mount", notBase64.toString());
            assertEquals(invalidKey.body().toString(), 400, invalidKey.status());
            assertTrue(invalidKey.body().toString(), invalidKey.body().path("message").asText().contains("not base64"));
            assertFalse(invalidKey.body().toString().contains("not-base64!"));
            ObjectNode nobody = JSON.createObjectNode()
                    .put("source", "wasbs://data@devstoreaccount1.blob.core.windows.net")
                    .put("mount_point", "/mnt/bad");
            nobody.putObject("extra_configs").put("fs.azure.account.key.devstoreaccount1.blob.core.windows.net",
                    Azurite.KEY).put("azure.endpoint", "http://127.0.0.1:" + closedPort() + "/devstoreaccount1");
            Answer unreachable = call("mount", nobody.toString());
            assertEquals(unreachable.body().toString(), 400, unreachable.status());
            assertTrue(unreachable.body().toString(),
                    unreachable.body().path("message").asText().endsWith(": connection refused"));

            ok(call("unmount", "{\"mount_point\":\"/mnt/az\"}"));
            assertEquals("[]", get("/api/2.0/dbfs/mounts", admin).body().path("mounts").toString());
        }
    }

    /**
     * Azure refuses the blocks of an upload over a leased blob (the real storage's own refusal, in the background while
     * the client goes on sending): close fails and the blob keeps its old content, no block of the new one committed.
     */
    private void failedBlockFailsCloseAndLeavesTheOldFile(Azurite azurite) throws Exception {
        ok(call("put", "{\"path\":\"/mnt/az/leased/old.txt\",\"contents\":\""
                + Base64.getEncoder().encodeToString("old".getBytes()) + "\"}"));
        azurite.lease("data", "landing/leased/old.txt");
        long handle = call("create", "{\"path\":\"/mnt/az/leased/old.txt\",\"overwrite\":true}").body().path("handle")
                .asLong();
        String block = Base64.getEncoder().encodeToString(new byte[1 << 20]);
        Answer failed = null;
        for (int i = 0; i < 12 && failed == null; i++) {
            Answer added = call("add-block", "{\"handle\":" + handle + ",\"data\":\"" + block + "\"}");
            failed = added.status() == 200 ? null : added;
        }
        if (failed == null) {
            failed = call("close", "{\"handle\":" + handle + "}");
        }
        assertEquals(failed.body().toString(), "INTERNAL_ERROR", failed.errorCode());
        assertTrue(failed.body().toString(), failed.body().path("message").asText().contains("412"));
        assertEquals("RESOURCE_DOES_NOT_EXIST", call("close", "{\"handle\":" + handle + "}").errorCode());
        JsonNode read = get("/api/2.0/dbfs/read?path=/mnt/az/leased/old.txt", admin).body();
        assertEquals("old", new String(Base64.getDecoder().decode(read.path("data").asText())));
    }

    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
