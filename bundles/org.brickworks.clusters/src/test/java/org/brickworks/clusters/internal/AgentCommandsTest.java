package org.brickworks.clusters.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.junit.jupiter.api.Test;

class AgentCommandsTest {
    /** Bad requests never reach a driver: asking for one fails the test. */
    private final AgentCommands commands = new AgentCommands(clusterId -> {
        throw new AssertionError("a driver was asked for " + clusterId);
    });

    @Test
    void refusesLanguagesOtherThanSqlScalaPythonAndR() {
        assertThatThrownBy(() -> commands.createContext("c", "java")).isInstanceOf(BrickworksException.class)
                .hasMessage("language java is not supported: use one of sql, scala, python, r, fs")
                .extracting(e -> ((BrickworksException) e).errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
        assertThatThrownBy(() -> commands.execute("c", "x", "SQL", "1")).hasMessage(
                "language SQL is not supported: use one of sql, scala, python, r, fs");
        assertThatThrownBy(() -> commands.createContext("c", null)).hasMessage("Missing required field: language");
    }

    @Test
    void refusesAMissingCommandOrContext() {
        assertThatThrownBy(() -> commands.execute("c", "x", "sql", " "))
                .hasMessage("Missing required field: command");
        assertThatThrownBy(() -> commands.execute("c", null, "sql", "SELECT 1"))
                .hasMessage("Missing required field: contextId");
    }

    @Test
    void treatsIdsThatCannotBeAgentIdsAsUnknown() {
        assertThatThrownBy(() -> commands.status("c", "x", "../shutdown", 0)).isInstanceOf(BrickworksException.class)
                .extracting(e -> ((BrickworksException) e).errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST);
        assertThatThrownBy(() -> commands.destroyContext("c", "a/b"))
                .extracting(e -> ((BrickworksException) e).errorCode()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST);
    }
}
