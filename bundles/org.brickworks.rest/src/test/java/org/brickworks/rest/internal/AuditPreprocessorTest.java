package org.brickworks.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jakarta.servlet.http.HttpServletRequest;

class AuditPreprocessorTest {

    @Test
    void secretsAndFileContentsAreRedactedAtAnyDepthAndLongValuesCut() {
        String body = """
                {"cluster_name": "etl", "spark_conf": {"spark.hadoop.fs.azure.account.key.acct.blob.core.windows.net":
                 "s3cr3t", "spark.sql.shuffle.partitions": "8"},
                 "extra_configs": {"fs.azure.sas.c.acct.blob.core.windows.net": "sig",
                  "azure.connection.string": "DefaultEndpointsProtocol=https;AccountKey=k3y"},
                 "string_value": "pw", "password": "pw", "contents": "AAAA", "scope": "prod",
                 "comment": "%s"}""".formatted("x".repeat(1_500));

        Map<String, String> params = AuditPreprocessor.params(request("path=%2FShared&token=abc"),
                body.getBytes(StandardCharsets.UTF_8));

        assertThat(params).containsEntry("path", "/Shared").containsEntry("token", "[REDACTED]")
                .containsEntry("cluster_name", "etl").containsEntry("string_value", "[REDACTED]")
                .containsEntry("password", "[REDACTED]").containsEntry("contents", "[REDACTED]")
                .containsEntry("scope", "prod");
        assertThat(params.get("spark_conf")).contains("\"spark.sql.shuffle.partitions\":\"8\"")
                .contains("[REDACTED]").doesNotContain("s3cr3t");
        assertThat(params.get("extra_configs")).doesNotContain("sig\"").doesNotContain("k3y");
        assertThat(params.get("comment")).hasSize(1_003).endsWith("...");
    }

    @Test
    void aBodyThatIsNotJsonOrTooLargeIsDescribedNotKept() {
        assertThat(AuditPreprocessor.params(request(null), "a,b".getBytes(StandardCharsets.UTF_8)))
                .containsEntry("body", "(3 bytes, not JSON)");
        assertThat(AuditPreprocessor.params(request(null), new byte[AuditPreprocessor.MAX_BODY + 1]))
                .containsEntry("body", "(more than " + AuditPreprocessor.MAX_BODY + " bytes)");
    }

    private static HttpServletRequest request(String query) {
        return (HttpServletRequest) Proxy.newProxyInstance(AuditPreprocessorTest.class.getClassLoader(),
                new Class<?>[] { HttpServletRequest.class }, (proxy, method, args) -> {
                    if (method.getName().equals("getQueryString")) {
                        return query;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
