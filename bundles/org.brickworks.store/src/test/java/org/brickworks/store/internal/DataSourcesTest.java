package org.brickworks.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class DataSourcesTest {

    @Test
    void choosesH2DataSourceForH2Url() {
        assertThat(DataSources.forUrl("jdbc:h2:mem:test", "sa", "secret")).isInstanceOfSatisfying(JdbcDataSource.class,
                h2 -> {
                    assertThat(h2.getURL()).isEqualTo("jdbc:h2:mem:test");
                    assertThat(h2.getUser()).isEqualTo("sa");
                });
    }

    @Test
    void withoutSecretsDropsH2Settings() {
        assertThat(DataSources.withoutSecrets("jdbc:h2:file:/data/store;CIPHER=AES;FILE_PASSWORD=x"))
                .isEqualTo("jdbc:h2:file:/data/store");
    }

    @Test
    void withoutSecretsDropsPostgresQuery() {
        assertThat(DataSources.withoutSecrets("jdbc:postgresql://db:5432/brickworks?user=bw&password=x"))
                .isEqualTo("jdbc:postgresql://db:5432/brickworks");
    }

    @Test
    void withoutSecretsKeepsAPlainUrl() {
        assertThat(DataSources.withoutSecrets("jdbc:postgresql://db:5432/brickworks"))
                .isEqualTo("jdbc:postgresql://db:5432/brickworks");
    }
}
