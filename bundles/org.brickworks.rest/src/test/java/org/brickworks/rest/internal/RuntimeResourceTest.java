package org.brickworks.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;

import org.brickworks.runtimes.api.RuntimeRegistry;
import org.brickworks.runtimes.api.dto.SparkRuntime;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class RuntimeResourceTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void sparkVersionsAnswersKeysAndNamesInDatabricksShape() throws Exception {
        RuntimeResource resource = new RuntimeResource(new ListedRuntimes(
                List.of(runtime("15.4.x-scala2.12", "15.4 LTS (includes Apache Spark 3.5.7, Scala 2.12)"),
                        runtime("17.3.x-scala2.13", "17.3 LTS (includes Apache Spark 4.0.1, Scala 2.13)"))));

        HttpCall call = HttpCall.get("/api/2.1/clusters/spark-versions").as(RecordingTokenService.user("a", false))
                .run(resource);

        assertThat(call.json()).isEqualTo(json.readTree("""
                {"versions": [
                  {"key": "15.4.x-scala2.12", "name": "15.4 LTS (includes Apache Spark 3.5.7, Scala 2.12)"},
                  {"key": "17.3.x-scala2.13", "name": "17.3 LTS (includes Apache Spark 4.0.1, Scala 2.13)"}]}
                """));
    }

    private static SparkRuntime runtime(String key, String name) {
        return new SparkRuntime(key, name, "x", "2.1x", "y", List.of(), List.of("g:a:1"), List.of());
    }

    private record ListedRuntimes(List<SparkRuntime> list) implements RuntimeRegistry {
        @Override
        public SparkRuntime get(String keyOrAlias) {
            throw new UnsupportedOperationException();
        }

        @Override
        public URL agentJar(String keyOrAlias) {
            throw new UnsupportedOperationException();
        }
    }
}
