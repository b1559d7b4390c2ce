package org.brickworks.shell.ssh.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class GogoLineTest {

    @Test
    void quotesEveryArgumentAndEscapesSingleQuotesAsAPosixShellDoes() {
        assertThat(GogoLine.of(List.of("bw:sql", "c1", "SELECT 1 AS one, 'x' AS s")))
                .isEqualTo("bw:sql 'c1' 'SELECT 1 AS one, '\\''x'\\'' AS s'");
        assertThat(GogoLine.of(List.of("lb", "-s", ""))).isEqualTo("lb '-s' ''");
    }

    @Test
    void commandNamesAreGogoNames() {
        assertThat(GogoLine.isCommandName("bw:token-create")).isTrue();
        assertThat(GogoLine.isCommandName("lb")).isTrue();
        assertThat(GogoLine.isCommandName("bw:status | grep x")).isFalse();
        assertThat(GogoLine.isCommandName("")).isFalse();
    }
}
