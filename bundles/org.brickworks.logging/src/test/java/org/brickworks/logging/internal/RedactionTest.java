package org.brickworks.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
    private static final String KEY = "bXlGYWtlS2V5Rm9yVGVzdHM+/==";

    @Test
    void masksMountSettingsOfACommandLine() {
        String line = "bw:fs-mount 'wasbs://raw@acct.blob.core.windows.net/in' '/mnt/raw' "
                + "'fs.azure.account.key.acct.blob.core.windows.net=" + KEY + "' "
                + "'fs.azure.sas.raw.acct.blob.core.windows.net=sv=2022-11-02&ss=b&sig=c2lnbmF0dXJl%3D' "
                + "'azure.connection.string=DefaultEndpointsProtocol=http;AccountName=a;AccountKey=" + KEY + ";'";

        String redacted = Redaction.redact(line);

        assertThat(redacted).doesNotContain(KEY, "c2lnbmF0dXJl", "2022-11-02")
                .startsWith("bw:fs-mount 'wasbs://raw@acct.blob.core.windows.net/in' '/mnt/raw' ")
                .contains("'fs.azure.account.key.acct.blob.core.windows.net=****'");
    }

    @Test
    void masksSasSignaturesInUrls() {
        assertThat(Redaction.redact("GET https://a.blob.core.windows.net/c/x?sv=2022-11-02&se=2030&sig=abc%2Bdef&sp=r"))
                .isEqualTo("GET https://a.blob.core.windows.net/c/x?sv=2022-11-02&se=2030&sig=****&sp=r");
    }

    @Test
    void masksPasswordsAndTokensWhereverTheyAppear() {
        assertThat(Redaction.redact("jdbc:postgresql://db:5432/m?user=hive&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/m?user=hive&password=****&ssl=true");
        assertThat(Redaction.redact("https://deploy:hunter2@repo.example.com/maven"))
                .isEqualTo("https://deploy:****@repo.example.com/maven");
        assertThat(Redaction.redact("login with dapi0123456789abcdef0123456789abcdef failed"))
                .isEqualTo("login with dapi**** failed");
        assertThat(Redaction.redact("brickworks-client --token abc123 bw:status --password=x"))
                .isEqualTo("brickworks-client --token **** bw:status --password=****");
        assertThat(Redaction.redact("Authorization: Bearer abc.def")).isEqualTo("Authorization: Bearer ****");
    }

    @Test
    void masksJsonFieldsWithSecretNames() {
        assertThat(Redaction.redact("{\"extra_configs\": {\"fs.azure.account.key.a\": \"k\\\"ey\"}, \"x\": \"y\"}"))
                .isEqualTo("{\"extra_configs\": {\"fs.azure.account.key.a\": \"****\"}, \"x\": \"y\"}");
        assertThat(Redaction.redact("{\"client_secret\":\"abc\",\"token_id\":\"1\"}"))
                .isEqualTo("{\"client_secret\":\"****\",\"token_id\":\"****\"}");
    }

    @Test
    void leavesOrdinaryLinesAlone() {
        for (String line : new String[] { "Cluster 0101-abc (dev) created on 15.4.x-scala2.12",
                "SSH shell listening on 127.0.0.1:8101",
                "Mounted wasbs://raw@acct.blob.core.windows.net/in at /mnt/raw",
                "bw:sql 0101-abc 'SELECT 1 AS one, '\\''x'\\'' AS s'", "",
                "Store ready: H2 at jdbc:h2:file:/d/store" }) {
            assertThat(Redaction.redact(line)).isEqualTo(line);
        }
        assertThat(Redaction.redact(null)).isNull();
    }
}
