package org.brickworks.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.brickworks.agent.protocol.AgentPaths;
import org.brickworks.agent.testing.AgentClient;
import org.brickworks.agent.testing.AgentProcess;
import org.brickworks.agent.testing.TokenAuthServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The real agent with Spark Connect on, attached to by the repository's Python Spark Connect client: with the
 * cluster's secret, with a token the auth URL accepts, and refused otherwise.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkConnectTest {

    private static final String SECRET = UUID.randomUUID().toString();
    private static final String USER_TOKEN = "dapi-" + UUID.randomUUID();

    @TempDir
    static Path dir;
    private static TokenAuthServer auth;
    private static AgentProcess agent;
    private static ConnectSqlClient connect;

    @BeforeAll
    static void startAgentWithConnect() throws Exception {
        ConnectSqlClient.requirePython();
        auth = new TokenAuthServer(USER_TOKEN);
        agent = AgentProcess.start("SparkConnectTest", dir, SECRET, "--connect-port", "0", "--auth-url",
                auth.url().toString(), "--conf", "spark.sql.warehouse.dir=" + dir.resolve("warehouse"));
        connect = new ConnectSqlClient("127.0.0.1", agent.ready().connectPort());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (agent != null) {
            agent.close();
        }
        if (auth != null) {
            auth.close();
        }
    }

    @Test
    void readyFileAndHealthNameTheConnectPort() throws Exception {
        int connectPort = agent.ready().connectPort();
        JsonNode health = new AgentClient(agent.baseUri(), SECRET).call("GET", AgentPaths.HEALTH, null);

        assertThat(connectPort).isPositive().isNotEqualTo(agent.ready().port());
        assertThat(health.get("connectPort").asInt()).isEqualTo(connectPort);
    }

    @Test
    void theSecretRunsSql() throws Exception {
        ConnectSqlClient.Result sum = connect.sql(SECRET, "SELECT 1 + 1");
        ConnectSqlClient.Result count = connect.sql(SECRET, "SELECT count(*) FROM range(1000) WHERE id % 3 = 0");

        assertThat(sum.exitStatus()).as(sum.errors()).isZero();
        assertThat(sum.rows()).containsExactly("[2]");
        assertThat(count.rows()).as(count.errors()).containsExactly("[334]");
    }

    @Test
    void aTokenTheAuthUrlAcceptsRunsSql() throws Exception {
        ConnectSqlClient.Result result = connect.sql(USER_TOKEN,
                "SELECT id, id * id AS square FROM range(3) ORDER BY id");

        assertThat(result.exitStatus()).as(result.errors()).isZero();
        assertThat(result.rows()).containsExactly("[0, 0]", "[1, 1]", "[2, 4]");
        assertThat(auth.authorizations()).contains("Bearer " + USER_TOKEN);
    }

    @Test
    void noTokenIsRefusedAsUnauthenticated() throws Exception {
        ConnectSqlClient.Result result = connect.sql(null, "SELECT 1");

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(result.rows()).isEmpty();
        assertThat(result.errors()).contains("gRPC UNAUTHENTICATED").contains("authorization: Bearer <token>");
    }

    @Test
    void aWrongTokenIsRefusedAsUnauthenticated() throws Exception {
        ConnectSqlClient.Result wrong = connect.sql(SECRET + "x", "SELECT 1");
        ConnectSqlClient.Result unknown = connect.sql("dapi-unknown", "SELECT 1");

        assertThat(wrong.exitStatus()).isEqualTo(1);
        assertThat(wrong.errors()).contains("gRPC UNAUTHENTICATED").contains("not accepted");
        assertThat(unknown.exitStatus()).isEqualTo(1);
        assertThat(unknown.errors()).contains("gRPC UNAUTHENTICATED");
        assertThat(auth.authorizations()).contains("Bearer dapi-unknown");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void theDriverLogNamesNoToken() throws Exception {
        String log = Files.readString(Path.of("target/SparkConnectTest-agent.log"));

        assertThat(log).contains("Spark Connect serves on port").doesNotContain(SECRET).doesNotContain(USER_TOKEN)
                .doesNotContain("dapi-unknown");
    }
}
