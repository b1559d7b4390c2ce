package org.brickworks.runtime.spark35.internal;

import java.net.URL;
import java.util.List;

import org.brickworks.runtimes.api.RuntimeProvider;
import org.brickworks.runtimes.api.dto.SparkRuntime;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** Databricks Runtime 15.4 LTS's Spark line: Spark 3.5.7, Scala 2.12, Delta 3.3.2. */
@Component(property = RuntimeProvider.KEY_PROPERTY + "=" + Spark35Runtime.KEY)
public class Spark35Runtime implements RuntimeProvider {
    static final String KEY = "15.4.x-scala2.12";
    private static final SparkRuntime RUNTIME = new SparkRuntime(KEY,
            "15.4 LTS (includes Apache Spark 3.5.7, Scala 2.12)", "3.5.7", "2.12", "3.3.2",
            List.of("14.3.x-scala2.12", "16.4.x-scala2.12"),
            // Delta pulls Scala 2.12.20: the direct pins keep the 2.12.18 Spark was built with (BUILD.md).
            List.of("org.apache.spark:spark-sql_2.12:3.5.7", "io.delta:delta-spark_2.12:3.3.2",
                    "org.apache.spark:spark-connect_2.12:3.5.7", "org.scala-lang:scala-library:2.12.18",
                    "org.scala-lang:scala-reflect:2.12.18",
                    // The shared catalog: Hive's metastore client, and JDBC drivers of its databases.
                    "org.apache.spark:spark-hive_2.12:3.5.7", "org.apache.derby:derbyclient:10.14.2.0",
                    "org.postgresql:postgresql:42.7.4",
                    // The Scala REPL of Scala cells (IMain).
                    "org.scala-lang:scala-compiler:2.12.18"),
            // Spark 3.5.7's JavaModuleOptions.defaultModuleOptions(): the platform never loads Spark to ask it.
            List.of("-XX:+IgnoreUnrecognizedVMOptions", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
                    "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
                    "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
                    "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "-Djdk.reflect.useDirectMethodHandle=false"));

    private final URL agentJar;

    @Activate
    public Spark35Runtime(BundleContext context) {
        agentJar = context.getBundle().getEntry("lib/driver-agent.jar");
        if (agentJar == null) {
            throw new IllegalStateException("lib/driver-agent.jar is missing from " + context.getBundle());
        }
    }

    @Override
    public SparkRuntime runtime() {
        return RUNTIME;
    }

    @Override
    public URL agentJar() {
        return agentJar;
    }
}
