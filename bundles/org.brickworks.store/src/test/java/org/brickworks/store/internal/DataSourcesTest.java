package org.brickworks.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;

class DataSourcesTest {

    @Test
    void embeddedH2GoesThroughH2sOwnPool() throws Exception {
        DataSources.Pool pool = DataSources.open("jdbc:h2:mem:pooltest", TestStoreConfig.withUrl("jdbc:h2:mem:x"),
                "");
        try (Connection connection = pool.dataSource().getConnection()) {
            assertThat(connection.getMetaData().getURL()).isEqualTo("jdbc:h2:mem:pooltest");
        } finally {
            pool.closer().close();
        }
        assertThat(pool.dataSource()).isInstanceOf(JdbcConnectionPool.class);
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
