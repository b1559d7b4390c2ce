package org.brickworks.agent.dbutils;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DbfsUtilsTest {

    @Test
    void pathsWithoutSchemeAreOnDbfs() {
        assertThat(DbfsUtils.path("/tmp/x").toString()).isEqualTo("dbfs:/tmp/x");
        assertThat(DbfsUtils.path("tmp/x").toString()).isEqualTo("dbfs:/tmp/x");
        assertThat(DbfsUtils.path("dbfs:/tmp/x").toString()).isEqualTo("dbfs:/tmp/x");
        assertThat(DbfsUtils.path("file:/tmp/x").toString()).isEqualTo("file:/tmp/x");
    }
}
