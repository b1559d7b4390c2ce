package org.brickworks.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.brickworks.dbfs.api.DbfsService;
import org.brickworks.dbfs.api.dto.MountSpec;
import org.brickworks.security.api.dto.User;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** DBFS API 2.0 over HTTP: what reaches the DBFS service, and what the client reads back. */
class DbfsResourceTest {
    private static final User ALICE = RecordingTokenService.user("alice", false);
    private static final String FORM = "multipart/form-data; boundary=XyZ";

    private final ObjectMapper json = new ObjectMapper();
    private final RecordingDbfs dbfs = new RecordingDbfs();
    private final DbfsResource resource = new DbfsResource(dbfs);

    @Test
    void putWritesInlineBase64AlsoWrappedInLines() {
        assertOk(post("put", "{\"path\": \"/a.txt\", \"contents\": \"" + base64("hello") + "\"}"));
        assertOk(post("put", "{\"path\": \"/b.txt\", \"contents\": \"aGVsbG8g\\nd29ybGQ=\", \"overwrite\": true}"));

        assertThat(text("/a.txt")).isEqualTo("hello");
        assertThat(text("/b.txt")).isEqualTo("hello world");
        assertThat(dbfs.calls).containsExactly("put /a.txt overwrite=false", "put /b.txt overwrite=true");
    }

    @Test
    void putRefusesContentsThatAreNoBase64OrLargerThanABlock() {
        assertError(post("put", "{\"path\": \"/a\", \"contents\": \"a\"}"), 400, "INVALID_PARAMETER_VALUE");
        String large = Base64.getEncoder().encodeToString(new byte[DbfsService.MAX_BLOCK_BYTES + 1]);
        assertError(post("put", "{\"path\": \"/a\", \"contents\": \"" + large + "\"}"), 400,
                "MAX_BLOCK_SIZE_EXCEEDED");
        assertError(post("put", "{\"contents\": \"\"}"), 400, "INVALID_PARAMETER_VALUE");
        assertThat(dbfs.files).isEmpty();
    }

    @Test
    void putTakesAFormWithTheContentsAfterOrBeforeItsFields() {
        assertOk(form(part("path", "/first.csv") + part("overwrite", "true") + file("id,name\n1,ada\n") + "--XyZ--"));
        assertOk(form(file("second") + part("path", "/second.txt") + "--XyZ--"));

        assertThat(text("/first.csv")).isEqualTo("id,name\n1,ada\n");
        assertThat(text("/second.txt")).isEqualTo("second");
        assertThat(dbfs.calls).containsExactly("put /first.csv overwrite=true", "put /second.txt overwrite=false");
    }

    @Test
    void aFormWithoutPathWithTwoFilesOrCutShortWritesNothing() {
        assertError(form(file("x") + "--XyZ--"), 400, "INVALID_PARAMETER_VALUE", "Missing required field: path");
        assertError(form(part("path", "/a") + file("x") + file("y") + "--XyZ--"), 400, "INVALID_PARAMETER_VALUE",
                "The form holds more than one contents part");
        assertError(form(part("path", "/a") + part("overwrite", "maybe") + file("x") + "--XyZ--"), 400,
                "INVALID_PARAMETER_VALUE", "Invalid value for overwrite: expected true or false, got maybe");
        assertError(form(part("path", "/a") + "--Xy"), 400, "MALFORMED_REQUEST");
        assertThat(dbfs.files).isEmpty();
    }

    @Test
    void createAddBlockAndCloseWriteTheBlocksInOrder() throws Exception {
        HttpCall created = post("create", "{\"path\": \"/big.bin\", \"overwrite\": true}");
        assertThat(created.json()).isEqualTo(json.readTree("{\"handle\": 1}"));

        assertOk(post("add-block", "{\"handle\": 1, \"data\": \"" + base64("one,") + "\"}"));
        assertOk(post("add-block", "{\"data\": \"" + base64("two,") + "\", \"handle\": \"1\"}"));
        assertOk(post("add-block", "{\"handle\": 1, \"data\": \"dGhy\\nZWUs\"}"));
        assertOk(post("add-block", "{\"handle\": 1, \"data\": \"Zm91cj8\\/\"}"));
        assertOk(post("close", "{\"handle\": 1}"));

        assertThat(text("/big.bin")).isEqualTo("one,two,three,four??");
        assertThat(dbfs.calls).containsExactly("create /big.bin overwrite=true", "close 1");
    }

    @Test
    void addBlockNamesWhatIsWrongWithItsBody() {
        post("create", "{\"path\": \"/big.bin\"}");

        assertError(post("add-block", "{\"data\": \"\"}"), 400, "INVALID_PARAMETER_VALUE",
                "Missing required field: handle");
        assertError(post("add-block", "{\"handle\": true}"), 400, "INVALID_PARAMETER_VALUE",
                "Invalid value for handle: expected an integer");
        assertError(post("add-block", "{\"handle\": 1, \"data\": 7}"), 400, "INVALID_PARAMETER_VALUE",
                "Invalid value for data: expected a string");
        assertThat(message(post("add-block", "{\"handle\": 1, \"data\": \"aG VsbG8=\"}")))
                .startsWith("Invalid value for data: not base64: ");
        assertError(post("add-block", "{\"handle\": 1, \"data\":"), 400, "MALFORMED_REQUEST");
        assertError(post("add-block", "{\"handle\": 9, \"data\": \"\"}"), 404, "RESOURCE_DOES_NOT_EXIST",
                "No upload with handle 9");
        String large = Base64.getEncoder().encodeToString(new byte[DbfsService.MAX_BLOCK_BYTES + 1]);
        assertError(post("add-block", "{\"handle\": 1, \"data\": \"" + large + "\"}"), 400,
                "MAX_BLOCK_SIZE_EXCEEDED");
        assertError(post("add-block", "{\"handle\": 1, \"data\": \"" + large.replaceFirst("A", "\\\\u0041") + "\"}"),
                400, "MAX_BLOCK_SIZE_EXCEEDED");
    }

    @Test
    void readAnswersBase64FromTheOffsetAndRefusesMoreThanABlock() throws Exception {
        dbfs.files.put("/a.txt", "hello world".getBytes(StandardCharsets.UTF_8));

        assertThat(get("read?path=/a.txt&offset=6&length=3").json())
                .isEqualTo(json.readTree("{\"bytes_read\": 3, \"data\": \"" + base64("wor") + "\"}"));
        assertThat(get("read?path=/a.txt").json().path("bytes_read").asInt()).isEqualTo(11);
        assertError(get("read?path=/a.txt&length=1048577"), 400, "MAX_READ_SIZE_EXCEEDED",
                "A read returns at most 1048576 bytes, asked for 1048577");
        assertError(get("read?path=/missing"), 404, "RESOURCE_DOES_NOT_EXIST",
                "No file or directory exists on path /missing.");
    }

    @Test
    void listAndGetStatusAnswerFileInfos() throws Exception {
        dbfs.files.put("/d/a", new byte[3]);

        assertThat(get("list?path=/d").json()).isEqualTo(json.readTree("""
                {"files": [{"path": "/d/a", "is_dir": false, "file_size": 3, "modification_time": 1700000000000}]}
                """));
        assertThat(get("get-status?path=/d/a").json().path("file_size").asInt()).isEqualTo(3);
    }

    @Test
    void mkdirsDeleteAndMovePassTheirParameters() {
        assertOk(post("mkdirs", "{\"path\": \"/d/e\"}"));
        assertOk(post("delete", "{\"path\": \"/d\", \"recursive\": true}"));
        assertOk(post("delete", "{\"path\": \"/f\"}"));
        assertOk(post("move", "{\"source_path\": \"/a\", \"destination_path\": \"/b\"}"));
        assertError(post("move", "{\"source_path\": \"/a\"}"), 400, "INVALID_PARAMETER_VALUE",
                "Missing required field: destination_path");

        assertThat(dbfs.calls).containsExactly("mkdirs /d/e", "delete /d recursive=true", "delete /f recursive=false",
                "move /a /b");
    }

    @Test
    void mountsNeverAnswerTheirSettings() throws Exception {
        assertOk(asAdmin("mount", """
                {"source": "wasbs://raw@acct.blob.core.windows.net/x", "mount_point": "/mnt/raw",
                 "extra_configs": {"fs.azure.account.key.acct.blob.core.windows.net": "secret"}}"""));
        assertOk(asAdmin("unmount", "{\"mount_point\": \"/mnt/old\"}"));

        assertThat(dbfs.mounts).containsExactly(new MountSpec("wasbs://raw@acct.blob.core.windows.net/x", "/mnt/raw",
                Map.of("fs.azure.account.key.acct.blob.core.windows.net", "secret")));
        assertThat(dbfs.calls).containsExactly("unmount /mnt/old");
        JsonNode mounts = get("mounts").json();
        assertThat(mounts).isEqualTo(json.readTree("""
                {"mounts": [{"mount_point": "/mnt/raw", "source": "wasbs://raw@acct.blob.core.windows.net/x"}]}"""));
    }

    @Test
    void onlyAdministratorsMountAndUnmount() {
        HttpCall mount = post("mount", "{\"source\": \"wasbs://raw@acct.blob.core.windows.net/x\", \"mount_point\":"
                + " \"/mnt/raw\"}");
        HttpCall unmount = post("unmount", "{\"mount_point\": \"/mnt/old\"}");

        assertThat(mount.status()).isEqualTo(403);
        assertThat(unmount.json().path("error_code").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(dbfs.mounts).isEmpty();
        assertThat(dbfs.calls).isEmpty();
    }

    private HttpCall asAdmin(String path, String body) {
        return HttpCall.post("/api/2.0/dbfs/" + path, body).as(RecordingTokenService.user("admin", true))
                .run(resource);
    }

    private HttpCall get(String pathAndQuery) {
        return HttpCall.get("/api/2.0/dbfs/" + pathAndQuery).as(ALICE).run(resource);
    }

    private HttpCall post(String path, String body) {
        return HttpCall.post("/api/2.0/dbfs/" + path, body).as(ALICE).run(resource);
    }

    private HttpCall form(String body) {
        return HttpCall.post("/api/2.0/dbfs/put", "").body(body.getBytes(StandardCharsets.UTF_8), FORM).as(ALICE)
                .run(resource);
    }

    private static String part(String name, String value) {
        return "--XyZ\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static String file(String contents) {
        return "--XyZ\r\nContent-Disposition: form-data; name=\"contents\"; filename=\"f\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + contents + "\r\n";
    }

    private String text(String path) {
        return new String(dbfs.files.get(path), StandardCharsets.UTF_8);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String message(HttpCall call) {
        return call.json().path("message").asText();
    }

    private void assertOk(HttpCall call) {
        assertThat(call.status()).as(call.json().toString()).isEqualTo(200);
    }

    private static void assertError(HttpCall call, int status, String code) {
        assertThat(call.json().path("error_code").asText()).as(call.json().toString()).isEqualTo(code);
        assertThat(call.status()).isEqualTo(status);
    }

    private static void assertError(HttpCall call, int status, String code, String message) {
        assertError(call, status, code);
        assertThat(message(call)).isEqualTo(message);
    }
}
