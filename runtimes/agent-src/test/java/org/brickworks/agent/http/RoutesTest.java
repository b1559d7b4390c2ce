package org.brickworks.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.brickworks.agent.protocol.AgentPaths;
import org.junit.jupiter.api.Test;

class RoutesTest {

    private final Endpoint status = (exchange, id) -> "status";
    private final Endpoint cancel = (exchange, id) -> "cancel";
    private final Routes routes = new Routes().add("GET", AgentPaths.command(Routes.ID), status)
            .add("POST", AgentPaths.commandCancel(Routes.ID), cancel);

    @Test
    void aRouteMatchesItsMethodAndPathAndGivesTheId() {
        assertThat(routes.match("GET", List.of("commands", "c1"))).isEqualTo(new Routes.Match(status, "c1"));
        assertThat(routes.match("POST", List.of("commands", "c1", "cancel")))
                .isEqualTo(new Routes.Match(cancel, "c1"));
    }

    @Test
    void otherMethodsAndPathsMatchNothing() {
        assertThat(routes.match("DELETE", List.of("commands", "c1"))).isNull();
        assertThat(routes.match("GET", List.of("commands"))).isNull();
        assertThat(routes.match("GET", List.of("contexts", "c1"))).isNull();
    }
}
