package org.brickworks.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.apache.felix.hc.api.Result;
import org.brickworks.test.support.TestPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreHealthCheckTest {
    @TempDir
    Path data;

    @Test
    void isOkAndNamesEveryMigratedSchemaOnceTheStoreAnswers() {
        JdbcStore store = new JdbcStore(new TestPlatform(data), TestStoreConfig.embedded());
        try {
            StoreHealthCheck check = new StoreHealthCheck(store);
            assertThat(check.execute().toString()).contains("none yet");

            store.migrate("clusters", List.of("CREATE TABLE a (id INT)", "CREATE TABLE b (id INT)"));
            store.migrate("security", List.of("CREATE TABLE c (id INT)"));
            Result result = check.execute();

            assertThat(result.isOk()).isTrue();
            assertThat(result.iterator().next().getMessage()).startsWith("H2 ")
                    .endsWith("schemas migrated: clusters v2, security v1");
        } finally {
            store.close();
        }
    }

    @Test
    void isCriticalWhenTheStoreIsClosed() {
        JdbcStore store = new JdbcStore(new TestPlatform(data), TestStoreConfig.embedded());
        store.close();

        Result result = new StoreHealthCheck(store).execute();

        assertThat(result.getStatus()).isEqualTo(Result.Status.CRITICAL);
        assertThat(result.iterator().next().getMessage()).startsWith("The store does not answer");
    }
}
