package org.brickworks.execution.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.brickworks.clusters.api.dto.AgentStart;
import org.junit.jupiter.api.Test;

class ProtocolDriverAgentTest {

    @Test
    void startsTheAgentWithItsFilesSparkConnectAndTheCommandLinesConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.master", "local[2]");
        conf.put("spark.sql.shuffle.partitions", "8");

        String arguments = String.join(" ", new ProtocolDriverAgent().arguments(new AgentStart(Path.of("/c/secret"),
                Path.of("/c/ready.json"), Path.of("/c/platform.conf"), "127.0.0.1", "http://127.0.0.1:8080", conf)));

        assertThat(arguments).isEqualTo("org.brickworks.agent.DriverAgent --secret-file /c/secret --ready-file"
                + " /c/ready.json --conf-file /c/platform.conf --host 127.0.0.1 --port 0 --connect-port 0 --auth-url"
                + " http://127.0.0.1:8080/api/2.0/preview/scim/v2/Me --conf spark.master=local[2] --conf"
                + " spark.sql.shuffle.partitions=8");
    }

    @Test
    void withoutThePlatformsAddressSparkConnectTakesOnlyTheSecret() {
        assertThat(new ProtocolDriverAgent().arguments(new AgentStart(Path.of("s"), Path.of("r"), Path.of("c"),
                "127.0.0.1", null, Map.of()))).doesNotContain("--auth-url");
    }
}
