package org.brickworks.agent.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ProtocolJsonTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void resultsCarryTheirTypeAsResultType() throws Exception {
        CommandStatus status = new CommandStatus("c1", CommandState.FINISHED,
                new TableResult(List.of(new TableResult.Column("x", "\"integer\"", "{}")),
                        List.of(Arrays.asList(1, null)), true));
        String text = json.writeValueAsString(status);
        assertThat(text).contains("\"status\":\"Finished\"").contains("\"resultType\":\"table\"");
        assertThat(json.readValue(text, CommandStatus.class)).isEqualTo(status);
    }

    @Test
    void everyResultTypeRoundTrips() throws Exception {
        for (Result result : List.of(TextResult.of("hi"), TextResult.exit("done"), new ErrorResult("boom", "trace"),
                new ImageResult("image/png", "AAAA"))) {
            assertThat(json.readValue(json.writeValueAsString(result), Result.class)).isEqualTo(result);
        }
        assertThat(json.writeValueAsString(TextResult.of("x"))).doesNotContain("notebookExit");
    }

    @Test
    void requestsToleratePartialBodies() throws Exception {
        Execute execute = json.readValue("{\"contextId\":\"a\",\"language\":\"sql\",\"command\":\"SELECT 1\"}",
                Execute.class);
        assertThat(execute.parameters()).isEmpty();
        assertThat(execute.maxRows()).isNull();
        assertThat(json.readValue("{}", Libraries.class).jars()).isEmpty();
    }

    @Test
    void fieldNamesAreTheComponentNames() throws Exception {
        assertThat(json.writeValueAsString(new CommandStatus("c1", CommandState.QUEUED, null)))
                .isEqualTo("{\"id\":\"c1\",\"status\":\"Queued\",\"results\":null}");
        assertThat(json.writeValueAsString(new Ready(8080, "3.5.7", 42, null)))
                .isEqualTo("{\"port\":8080,\"sparkVersion\":\"3.5.7\",\"pid\":42}");
        assertThat(json.writeValueAsString(new ApiError("INVALID_PARAMETER_VALUE", "no")))
                .isEqualTo("{\"errorCode\":\"INVALID_PARAMETER_VALUE\",\"message\":\"no\"}");
    }

    @Test
    void mountsNeverPrintTheirCredentials() {
        assertThat(new Mount("wasbs://c@a.blob.core.windows.net", "/mnt/a", Map.of("fs.azure.account.key.a", "s3cr3t")))
                .asString().doesNotContain("s3cr3t").contains("fs.azure.account.key.a");
    }
}
