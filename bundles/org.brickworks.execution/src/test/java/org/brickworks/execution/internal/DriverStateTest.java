package org.brickworks.execution.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.brickworks.agent.protocol.AgentLaunch;
import org.brickworks.execution.api.dto.DriverMount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What drivers get of the platform's state, against stand-in agents: mounts, languages, the root. */
class DriverStateTest {
    private static final DriverMount MOUNT = new DriverMount("wasbs://c@a.blob.core.windows.net/p", "/mnt/a",
            Map.of("fs.azure.account.key.a", "k3y"));

    @TempDir
    Path data;

    @Test
    void aNewMountTableGoesToEveryRunningDriver() throws Exception {
        try (FakeAgent newer = new FakeAgent(); FakeAgent older = new FakeAgent()) {
            newer.answer("PUT", "/mounts", 200, "{}");
            DriverState state = new DriverState(() -> new TestChannels().with(newer.channel("c1"))
                    .with(older.channel("c2")));

            state.publishMounts(data.resolve("dbfs"), List.of(MOUNT));

            assertThat(newer.last("PUT", "/mounts").body()).contains("\"mountPoint\":\"/mnt/a\"", "k3y");
            assertThat(older.last("PUT", "/mounts")).isNotNull();
            assertThat(state.sparkConf()).containsOnly(Map.entry(AgentLaunch.DBFS_ROOT_CONF,
                    data.resolve("dbfs").toString()));
        }
    }

    @Test
    void aNewDriverGetsTheLatestStateAndARefusalFailsIt() throws Exception {
        try (FakeAgent agent = new FakeAgent()) {
            DriverState state = new DriverState(() -> null);
            state.publishMounts(data.resolve("dbfs"), List.of(MOUNT));
            state.publishLanguages(List.of(Path.of("/plugins/sh.jar")));
            agent.answer("PUT", "/mounts", 200, "{}").answer("PUT", "/languages", 200, "{\"languages\":[]}");

            state.initialize(agent.channel("c1"));

            assertThat(agent.last("PUT", "/mounts").body()).contains("/mnt/a");
            assertThat(agent.last("PUT", "/languages").body()).isEqualTo("{\"jars\":[\"/plugins/sh.jar\"]}");
            agent.answer("PUT", "/mounts", 400, "{\"errorCode\":\"INVALID_PARAMETER_VALUE\",\"message\":\"bad\"}");
            assertThatThrownBy(() -> state.initialize(agent.channel("c1"))).hasMessage("bad");
        }
    }
}
