package org.brickworks.runtimes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.List;
import java.util.Map;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.runtimes.api.RuntimeProvider;
import org.brickworks.runtimes.api.dto.SparkRuntime;
import org.junit.jupiter.api.Test;

class PluginRuntimeRegistryTest {
    private static final SparkRuntime SPARK35 = runtime("15.4.x-scala2.12",
            "15.4 LTS (includes Apache Spark 3.5.7, Scala 2.12)", "3.5.7", "2.12", "14.3.x-scala2.12",
            "16.4.x-scala2.12");
    private static final SparkRuntime SPARK40 = runtime("17.3.x-scala2.13",
            "17.3 LTS (includes Apache Spark 4.0.1, Scala 2.13)", "4.0.1", "2.13");

    private final PluginRuntimeRegistry registry = new PluginRuntimeRegistry();

    @Test
    void listsRuntimesWhileTheirProvidersAreRegistered() {
        Provider spark40 = new Provider(SPARK40);
        Provider spark35 = new Provider(SPARK35);
        add(spark40);
        add(spark35);
        assertThat(registry.list()).containsExactly(SPARK35, SPARK40);

        remove(spark40);
        assertThat(registry.list()).containsExactly(SPARK35);
    }

    @Test
    void findsRuntimesByKeyOrAliasAndTheirAgentJar() {
        Provider spark35 = new Provider(SPARK35);
        add(spark35);
        assertThat(registry.get("15.4.x-scala2.12")).isEqualTo(SPARK35);
        assertThat(registry.get("14.3.x-scala2.12")).isEqualTo(SPARK35);
        assertThat(registry.agentJar("16.4.x-scala2.12")).isEqualTo(spark35.agentJar());
    }

    @Test
    void unknownKeyIsAnInvalidParameterNamingTheKnownKeys() {
        add(new Provider(SPARK35));
        add(new Provider(SPARK40));
        assertThatThrownBy(() -> registry.get("13.3.x-scala2.12")).isInstanceOf(BrickworksException.class)
                .hasMessage(
                        "Unknown Spark version 13.3.x-scala2.12; known versions: 15.4.x-scala2.12, 17.3.x-scala2.13")
                .extracting(e -> ((BrickworksException) e).errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
        assertThatThrownBy(() -> new PluginRuntimeRegistry().agentJar("15.4.x-scala2.12"))
                .hasMessageEndingWith("known versions: none installed");
    }

    @Test
    void duplicateKeyOrAliasIsIgnoredAndLeavesTheFirstInPlace() {
        Provider first = new Provider(SPARK35);
        Provider sameKey = new Provider(SPARK35);
        Provider aliasClash = new Provider(
                runtime("14.3.x-scala2.12", "14.3 LTS (includes Apache Spark 3.5.0, Scala 2.12)", "3.5.0", "2.12"));
        add(first);
        add(sameKey);
        add(aliasClash);
        assertThat(registry.list()).containsExactly(SPARK35);

        remove(sameKey);
        remove(aliasClash);
        assertThat(registry.agentJar("15.4.x-scala2.12")).isEqualTo(first.agentJar());
    }

    @Test
    void incompleteOrMislabelledContributorsAreIgnored() {
        add(new Provider(null));
        add(new Provider(SPARK35), "16.4.x-scala2.12");
        add(new Provider(
                runtime("15.4-scala2.12", "15.4 LTS (includes Apache Spark 3.5.7, Scala 2.12)", "3.5.7", "2.12")));
        add(new Provider(runtime("15.4.x-scala2.12", "15.4 LTS", "3.5.7", "2.12")));
        add(new Provider(new SparkRuntime("15.4.x-scala2.12", "15.4 LTS (includes Apache Spark 3.5.7, Scala 2.12)",
                "3.5.7", "2.12", "3.3.2", List.of(), List.of(), List.of())));
        add(new Provider(SPARK40) {
            @Override
            public SparkRuntime runtime() {
                throw new IllegalStateException("broken plugin");
            }
        });
        assertThat(registry.list()).isEmpty();

        add(new Provider(SPARK40));
        assertThat(registry.list()).containsExactly(SPARK40);
    }

    private void add(Provider provider) {
        add(provider, provider.runtime == null ? null : provider.runtime.key());
    }

    private void add(Provider provider, String key) {
        registry.addProvider(provider, key == null ? Map.of() : Map.of(RuntimeProvider.KEY_PROPERTY, key));
    }

    private void remove(Provider provider) {
        registry.removeProvider(provider, Map.of(RuntimeProvider.KEY_PROPERTY, provider.runtime.key()));
    }

    private static SparkRuntime runtime(String key, String name, String spark, String scala, String... aliases) {
        return new SparkRuntime(key, name, spark, scala, "3.3.2", List.of(aliases),
                List.of("org.apache.spark:spark-sql_" + scala + ":" + spark), List.of("--add-opens=a/b=ALL-UNNAMED"));
    }

    private static class Provider implements RuntimeProvider {
        private final SparkRuntime runtime;
        private final URL agentJar;

        Provider(SparkRuntime runtime) {
            this.runtime = runtime;
            try {
                agentJar = new URL("file:/plugins/agent-" + System.identityHashCode(this) + ".jar");
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public SparkRuntime runtime() {
            return runtime;
        }

        @Override
        public URL agentJar() {
            return agentJar;
        }
    }
}
