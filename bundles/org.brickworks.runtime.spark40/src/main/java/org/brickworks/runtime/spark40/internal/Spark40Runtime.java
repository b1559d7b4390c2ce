package org.brickworks.runtime.spark40.internal;

import java.net.URL;
import java.util.List;

import org.brickworks.runtimes.api.RuntimeProvider;
import org.brickworks.runtimes.api.dto.SparkRuntime;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** Databricks Runtime 17.3 LTS's Spark line: Spark 4.0.1, Scala 2.13, Delta 4.0.1. */
@Component(property = RuntimeProvider.KEY_PROPERTY + "=" + Spark40Runtime.KEY)
public class Spark40Runtime implements RuntimeProvider {
    static final String KEY = "17.3.x-scala2.13";
    private static final SparkRuntime RUNTIME = new SparkRuntime(KEY,
            "17.3 LTS (includes Apache Spark 4.0.1, Scala 2.13)", "4.0.1", "2.13", "4.0.1",
            List.of("17.0.x-scala2.13", "17.1.x-scala2.13", "17.2.x-scala2.13"),
            // The direct pins keep the Scala patch version the agent is compiled against (runtimes/README.md).
            List.of("org.apache.spark:spark-sql_2.13:4.0.1", "io.delta:delta-spark_2.13:4.0.1",
                    "org.apache.spark:spark-connect_2.13:4.0.1", "org.scala-lang:scala-library:2.13.16",
                    "org.scala-lang:scala-reflect:2.13.16",
                    // The shared catalog: Hive's metastore client, and JDBC drivers of its databases (Derby 10.16
                    // keeps its ClientDriver class in derbytools).
                    "org.apache.spark:spark-hive_2.13:4.0.1", "org.apache.derby:derbyclient:10.16.1.1",
                    "org.apache.derby:derbytools:10.16.1.1", "org.postgresql:postgresql:42.7.4",
                    // The Scala REPL of Scala cells (IMain).
                    "org.scala-lang:scala-compiler:2.13.16"),
            // Spark 4.0.1's JavaModuleOptions.defaultModuleOptions(): the platform never loads Spark to ask it.
            List.of("-XX:+IgnoreUnrecognizedVMOptions", "--add-modules=jdk.incubator.vector",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
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
                    "-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true"));

    private final URL agentJar;

    @Activate
    public Spark40Runtime(BundleContext context) {
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
