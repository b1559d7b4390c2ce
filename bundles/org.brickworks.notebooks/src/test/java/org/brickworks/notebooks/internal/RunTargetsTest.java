package org.brickworks.notebooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RunTargetsTest {

    @Test
    void resolvesRelativeToTheRunningNotebooksFolder() {
        assertThat(RunTargets.resolve("/Users/a/main", "./includes/setup")).isEqualTo("/Users/a/includes/setup");
        assertThat(RunTargets.resolve("/Users/a/main", "../b/lib")).isEqualTo("/Users/b/lib");
        assertThat(RunTargets.resolve("/Users/a/main", "other")).isEqualTo("/Users/a/other");
        assertThat(RunTargets.resolve("/Users/a/main", " \"/Shared/x\" ")).isEqualTo("/Shared/x");
        assertThat(RunTargets.resolve("/main", "./x")).isEqualTo("/x");
    }

    @Test
    void refusesLeavingTheRootEmptyTargetsAndArguments() {
        assertThatThrownBy(() -> RunTargets.resolve("/main", "../x")).hasMessageContaining("leaves");
        assertThatThrownBy(() -> RunTargets.resolve("/main", "  ")).hasMessageContaining("needs a notebook path");
        assertThatThrownBy(() -> RunTargets.resolve("/main", "./x $a=1")).hasMessageContaining("arguments");
    }
}
