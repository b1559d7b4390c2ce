package org.brickworks.tests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/** DBFS API 2.0 end to end over real HTTP, and the bw:fs-* shell commands, on the local root. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DbfsIT extends PlatformTestSupport {
    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private Answer call(String endpoint, String body) throws Exception {
        return post("/api/2.0/dbfs/" + endpoint, admin, body);
    }

    private static void assertError(Answer answer, int status, String code) {
        assertEquals(answer.body().toString(), status, answer.status());
        assertEquals(answer.body().toString(), code, answer.errorCode());
    }

    @Test
    public void putReadListStatusAndMove() throws Exception {
        Answer put = call("put", "{\"path\":\"dbfs:/it/a.txt\",\"contents\":\"" + b64("hello dbfs".getBytes()) + "\"}");
        assertEquals(put.body().toString(), 200, put.status());
        assertTrue(Files.exists(dataDirectory().resolve("dbfs/it/a.txt")));

        JsonNode read = get("/api/2.0/dbfs/read?path=/it/a.txt&offset=6&length=4", admin).body();
        assertEquals(4, read.path("bytes_read").asInt());
        assertEquals("dbfs", new String(Base64.getDecoder().decode(read.path("data").asText())));

        JsonNode status = get("/api/2.0/dbfs/get-status?path=/it/a.txt", admin).body();
        assertEquals("/it/a.txt", status.path("path").asText());
        assertFalse(status.path("is_dir").asBoolean());
        assertEquals(10, status.path("file_size").asLong());
        assertTrue(status.path("modification_time").asLong() > 0);

        assertEquals(200, call("mkdirs", "{\"path\":\"/it/sub/deeper\"}").status());
        JsonNode files = get("/api/2.0/dbfs/list?path=/it", admin).body().path("files");
        assertEquals(2, files.size());
        assertEquals("/it/a.txt", files.path(0).path("path").asText());
        assertTrue(files.path(1).path("is_dir").asBoolean());

        assertEquals(200, call("move", "{\"source_path\":\"/it/a.txt\",\"destination_path\":\"/it/sub/b.txt\"}")
                .status());
        assertError(get("/api/2.0/dbfs/get-status?path=/it/a.txt", admin), 404, "RESOURCE_DOES_NOT_EXIST");
        assertEquals(10, get("/api/2.0/dbfs/get-status?path=/it/sub/b.txt", admin).body().path("file_size").asLong());

        assertError(call("delete", "{\"path\":\"/it\"}"), 400, "IO_ERROR");
        assertEquals(200, call("delete", "{\"path\":\"/it\",\"recursive\":true}").status());
        assertError(get("/api/2.0/dbfs/list?path=/it", admin), 404, "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    public void streamingUploadOfSeveralBlocksReadsBackWhole() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 123];
        new Random(7).nextBytes(data);
        long handle = call("create", "{\"path\":\"/stream/big.bin\"}").body().path("handle").asLong();
        // JSON readers that hold numbers as doubles (jq, JavaScript) must read the handle exactly.
        assertTrue("handle " + handle + " is beyond 2^53 - 1", handle > 0 && handle <= (1L << 53) - 1);
        for (int at = 0; at < data.length; at += 1 << 20) {
            byte[] block = java.util.Arrays.copyOfRange(data, at, Math.min(data.length, at + (1 << 20)));
            // Clients differ: the second block comes with its data first and base64 in MIME lines (as Python's
            // base64.encodebytes writes it), the third with its data first (as the Databricks SDKs send it).
            Answer added = at == 1 << 20
                    ? call("add-block", "{\"data\":\""
                            + Base64.getMimeEncoder().encodeToString(block).replace("\r\n", "\\n") + "\",\"handle\":"
                            + handle + "}")
                    : at == 2 << 20
                            ? call("add-block", "{\"data\": \"" + b64(block) + "\", \"handle\": " + handle + "}")
                            : call("add-block", "{\"handle\":" + handle + ",\"data\":\"" + b64(block) + "\"}");
            assertEquals(added.body().toString(), 200, added.status());
        }
        assertError(get("/api/2.0/dbfs/get-status?path=/stream/big.bin", admin), 404, "RESOURCE_DOES_NOT_EXIST");
        assertEquals(200, call("close", "{\"handle\":" + handle + "}").status());

        ByteArrayOutputStream back = new ByteArrayOutputStream();
        for (long offset = 0;; offset += 1 << 20) {
            JsonNode read = get("/api/2.0/dbfs/read?path=/stream/big.bin&offset=" + offset + "&length=1048576", admin)
                    .body();
            if (read.path("bytes_read").asInt() == 0) {
                break;
            }
            back.writeBytes(Base64.getDecoder().decode(read.path("data").asText()));
        }
        assertArrayEquals(data, back.toByteArray());
        assertError(call("add-block", "{\"handle\":" + handle + ",\"data\":\"AA==\"}"), 404,
                "RESOURCE_DOES_NOT_EXIST");
    }

    /** A multipart/form-data body of text fields and, unless {@code contents} is null, a file part at index {@code at}. */
    private static byte[] form(byte[] contents, int at, String... fields) {
        String boundary = "----brickworks-it-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i <= fields.length / 2; i++) {
            if (i == at && contents != null) {
                body.writeBytes(("--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"contents\"; filename=\"f\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                body.writeBytes(contents);
                body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            if (i < fields.length / 2) {
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[2 * i]
                        + "\"\r\n\r\n" + fields[2 * i + 1] + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private Answer putForm(byte[] body) throws Exception {
        return send(request("/api/2.0/dbfs/put", admin)
                .header("Content-Type", "multipart/form-data; boundary=----brickworks-it-boundary")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private byte[] readWhole(String path) throws Exception {
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        for (long offset = 0;; offset += 1 << 20) {
            JsonNode read = get("/api/2.0/dbfs/read?path=" + path + "&offset=" + offset + "&length=1048576", admin)
                    .body();
            if (read.path("bytes_read").asInt() == 0) {
                return back.toByteArray();
            }
            back.writeBytes(Base64.getDecoder().decode(read.path("data").asText()));
        }
    }

    @Test
    public void multipartPutStreamsRawBytesInEitherFieldOrder() throws Exception {
        // Larger than the 10 MB limit on JSON bodies: the form's file is written as it arrives, never held whole.
        byte[] big = new byte[12 * 1024 * 1024 + 5];
        new Random(11).nextBytes(big);
        Answer put = putForm(form(big, 2, "path", "/form/big.bin", "overwrite", "false"));
        assertEquals(put.body().toString(), 200, put.status());
        assertArrayEquals(big, readWhole("/form/big.bin"));

        // The order of Databricks' curl example: contents first, then path and overwrite.
        byte[] small = "binary \r\n--not-a-boundary\u0000 bytes".getBytes(StandardCharsets.UTF_8);
        assertEquals(200, putForm(form(small, 0, "path", "/form/big.bin", "overwrite", "true")).status());
        assertArrayEquals(small, readWhole("/form/big.bin"));

        assertError(putForm(form(big, 0, "path", "/form/big.bin")), 409, "RESOURCE_ALREADY_EXISTS");
        assertArrayEquals(small, readWhole("/form/big.bin"));
        assertError(putForm(form(small, 1, "overwrite", "true")), 400, "INVALID_PARAMETER_VALUE");
        assertError(putForm(form(small, 1, "path", "/form/x.bin", "overwrite", "yes")), 400,
                "INVALID_PARAMETER_VALUE");
        assertError(putForm(form(small, 1, "path", "/../x.bin")), 400, "INVALID_PARAMETER_VALUE");
        assertEquals(200, putForm(form(null, 0, "path", "/form/empty.bin")).status());
        assertEquals(0, get("/api/2.0/dbfs/get-status?path=/form/empty.bin", admin).body().path("file_size").asLong());

        // A form cut off in the middle of its file: an error, and no file, whole or partial.
        byte[] whole = form(big, 2, "path", "/form/cut.bin", "overwrite", "true");
        assertError(putForm(java.util.Arrays.copyOf(whole, whole.length / 2)), 400, "MALFORMED_REQUEST");
        assertError(get("/api/2.0/dbfs/get-status?path=/form/cut.bin", admin), 404, "RESOURCE_DOES_NOT_EXIST");
        try (Stream<Path> files = Files.walk(dataDirectory().resolve("dbfs"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("cut.bin")));
        }
    }

    @Test
    public void errorsFollowDatabricks() throws Exception {
        String mb = b64(new byte[(1 << 20) + 1]);
        assertError(call("put", "{\"path\":\"/e/too-big\",\"contents\":\"" + mb + "\"}"), 400,
                "MAX_BLOCK_SIZE_EXCEEDED");
        long handle = call("create", "{\"path\":\"/e/s\"}").body().path("handle").asLong();
        assertError(call("add-block", "{\"handle\":" + handle + ",\"data\":\"" + mb + "\"}"), 400,
                "MAX_BLOCK_SIZE_EXCEEDED");
        assertEquals(200, call("close", "{\"handle\":" + handle + "}").status());
        assertError(get("/api/2.0/dbfs/read?path=/e/s&length=1048577", admin), 400, "MAX_READ_SIZE_EXCEEDED");
        assertError(call("put", "{\"path\":\"/e/s\",\"contents\":\"AA==\"}"), 409, "RESOURCE_ALREADY_EXISTS");
        assertEquals(200, call("put", "{\"path\":\"/e/s\",\"contents\":\"AA==\",\"overwrite\":true}").status());
        assertError(call("create", "{\"path\":\"/e/s\"}"), 409, "RESOURCE_ALREADY_EXISTS");
        assertError(call("put", "{\"path\":\"/../etc/passwd\",\"contents\":\"AA==\"}"), 400,
                "INVALID_PARAMETER_VALUE");
        assertError(call("put", "{\"path\":\"file:/tmp/x\",\"contents\":\"AA==\"}"), 400, "INVALID_PARAMETER_VALUE");
        assertError(call("put", "{\"path\":\"/e/x\",\"contents\":\"not base64!\"}"), 400, "INVALID_PARAMETER_VALUE");
        assertError(get("/api/2.0/dbfs/read?path=/e&length=10", admin), 400, "INVALID_PARAMETER_VALUE");
        assertError(get("/api/2.0/dbfs/read?path=/nothing", admin), 404, "RESOURCE_DOES_NOT_EXIST");
        assertError(call("add-block", "{\"handle\":12345,\"data\":\"AA==\"}"), 404, "RESOURCE_DOES_NOT_EXIST");
        assertError(call("add-block", "{\"data\":\"not base64!\",\"handle\":" + handle + "}"), 400,
                "INVALID_PARAMETER_VALUE");
        assertError(call("add-block", "{\"data\":\"AA==\"}"), 400, "INVALID_PARAMETER_VALUE");
        assertError(call("mkdirs", "{\"path\":\"/e/s/sub\"}"), 409, "RESOURCE_ALREADY_EXISTS");
        assertError(call("move", "{\"source_path\":\"/none\",\"destination_path\":\"/x\"}"), 404,
                "RESOURCE_DOES_NOT_EXIST");
        assertError(call("mount", "{\"source\":\"nope://x\",\"mount_point\":\"/mnt/x\"}"), 400,
                "INVALID_PARAMETER_VALUE");
        assertError(call("unmount", "{\"mount_point\":\"/mnt/none\"}"), 404, "RESOURCE_DOES_NOT_EXIST");
        assertEquals("[]", get("/api/2.0/dbfs/mounts", admin).body().path("mounts").toString());
    }

    @Test
    public void aFailedUploadLeavesNoFile() throws Exception {
        // A body cut short: the client promises more bytes than it sends, the upload fails, nothing appears.
        byte[] data = new byte[256 * 1024];
        long handle = call("create", "{\"path\":\"/partial/file.bin\"}").body().path("handle").asLong();
        assertEquals(200, call("add-block", "{\"handle\":" + handle + ",\"data\":\"" + b64(data) + "\"}").status());
        assertError(call("add-block", "{\"handle\":" + handle + ",\"data\":\"" + b64(new byte[(1 << 20) + 1]) + "\"}"),
                400, "MAX_BLOCK_SIZE_EXCEEDED");
        assertError(get("/api/2.0/dbfs/get-status?path=/partial/file.bin", admin), 404, "RESOURCE_DOES_NOT_EXIST");
        // Never closed: nothing visible, and no staging file under the root either.
        try (Stream<Path> files = Files.walk(dataDirectory().resolve("dbfs"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("file.bin")));
        }
        HttpRequest bad = request("/api/2.0/dbfs/put", admin)
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"/partial/p.bin\",\"contents\":\"AAAA"))
                .build();
        assertEquals("MALFORMED_REQUEST", send(bad).errorCode());
        assertError(get("/api/2.0/dbfs/get-status?path=/partial/p.bin", admin), 404, "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    public void shellCommandsPutListGetAndRemove() throws Exception {
        Path local = Files.createTempFile("dbfs-it", ".csv");
        Files.writeString(local, "a,b\n1,2\n");
        assertTrue(shell("bw:fs-put " + local + " dbfs:/shell/data.csv"), shell("bw:fs-ls /shell")
                .contains("/shell/data.csv"));
        assertTrue(failure("bw:fs-put " + local + " dbfs:/shell/data.csv").contains("exists"));
        assertTrue(shell("bw:fs-put --overwrite " + local + " dbfs:/shell/data.csv").contains("Uploaded 8 bytes"));
        Path back = local.resolveSibling(local.getFileName() + ".back");
        assertTrue(shell("bw:fs-get /shell/data.csv " + back).contains("Downloaded 8 bytes"));
        assertEquals("a,b\n1,2\n", Files.readString(back, StandardCharsets.UTF_8));
        assertTrue(failure("bw:fs-rm /shell").contains("not empty"));
        shell("bw:fs-rm -r /shell");
        assertTrue(failure("bw:fs-ls /shell").contains("No file or directory"));
        assertTrue(shell("bw:fs-mounts").contains("MOUNT POINT"));
        assertTrue(failure("bw:fs-mount nope://x /mnt/x").contains("No storage backend"));
        Files.delete(local);
        Files.delete(back);
    }
}
