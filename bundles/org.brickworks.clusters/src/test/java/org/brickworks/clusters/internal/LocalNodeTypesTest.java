package org.brickworks.clusters.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.junit.jupiter.api.Test;

class LocalNodeTypesTest {
    @Test
    void defaultsToTheSmallestNodeType() {
        assertThat(LocalNodeTypes.get(null).nodeTypeId()).isEqualTo("local-small");
        assertThat(LocalNodeTypes.get(null).numCores()).isEqualTo(1);
        assertThat(LocalNodeTypes.get(null).memoryMb()).isEqualTo(2048);
    }

    @Test
    void findsANamedNodeType() {
        assertThat(LocalNodeTypes.get("local-large").numCores()).isEqualTo(4);
    }

    @Test
    void refusesAnUnknownNodeTypeNamingTheKnownOnes() {
        assertThatThrownBy(() -> LocalNodeTypes.get("i3.xlarge")).isInstanceOfSatisfying(BrickworksException.class,
                e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
                    assertThat(e.getMessage()).contains("i3.xlarge", "local-small", "local-medium", "local-large");
                });
    }
}
