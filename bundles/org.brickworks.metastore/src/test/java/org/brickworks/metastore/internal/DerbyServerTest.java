package org.brickworks.metastore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DerbyServerTest {

    /** Derby's engine and server jars from this test's classpath. */
    private static final List<Path> DERBY = Stream
            .of(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                    .split(File.pathSeparator))
            .filter(entry -> entry.matches(".*/derby(net)?-[0-9.]+\\.jar")).map(Path::of).toList();

    @TempDir
    Path home;

    @Test
    void keepsItsDataPortAndPasswordAcrossRestartsAndRefusesStrangers() throws Exception {
        assertThat(DERBY).hasSize(2);
        DerbyServer first = DerbyServer.start(home, 0, DERBY);
        try (Connection c = DriverManager.getConnection(first.clientUrl(), DerbyServer.USER, first.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (v INT)");
            s.execute("INSERT INTO t VALUES (42)");
        } finally {
            first.stop();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("derby.properties"))))
                .isEqualTo("rw-------");

        DerbyServer second = DerbyServer.start(home, 0, DERBY);
        try {
            assertThat(second.port()).isEqualTo(first.port());
            assertThat(second.password()).isEqualTo(first.password());
            try (Connection c = DriverManager.getConnection(second.clientUrl(), DerbyServer.USER, second.password());
                    ResultSet r = c.createStatement().executeQuery("SELECT v FROM t")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).isEqualTo(42);
            }
            assertThatThrownBy(() -> DriverManager.getConnection(second.clientUrl(), DerbyServer.USER, "guess"))
                    .isInstanceOf(SQLException.class);
        } finally {
            second.stop();
        }
    }

    @Test
    void givesDriversHiveConfForTheDatabase() {
        assertThat(HiveMetastore.sparkConf("jdbc:derby://127.0.0.1:1/metastore;create=true",
                DerbyServer.CLIENT_DRIVER, "u", "p", "dbfs:/user/hive/warehouse"))
                .containsEntry("spark.sql.catalogImplementation", "hive")
                .containsEntry("spark.sql.warehouse.dir", "dbfs:/user/hive/warehouse")
                .containsEntry("spark.hadoop.javax.jdo.option.ConnectionURL",
                        "jdbc:derby://127.0.0.1:1/metastore;create=true")
                .containsEntry("spark.hadoop.javax.jdo.option.ConnectionPassword", "p");
    }
}
