package org.brickworks.agent.languages.scala;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.brickworks.agent.dbutils.DbUtils;
import org.brickworks.agent.execution.Results;
import org.brickworks.agent.protocol.TableResult;

/**
 * What a Scala REPL's cells see of their execution context: {@code spark}, {@code dbutils} and {@code display}. Each
 * REPL binds its names to its context's bridge, found by context id (REPL code can only reach public static members).
 */
public final class ReplBridge {

    private static final Map<String, ReplBridge> BRIDGES = new ConcurrentHashMap<>();

    private final SparkSession spark;
    private final DbUtils dbutils;
    private volatile int maxRows = 1000;
    private volatile TableResult displayed;

    private ReplBridge(SparkSession spark, DbUtils dbutils) {
        this.spark = spark;
        this.dbutils = dbutils;
    }

    static ReplBridge register(String contextId, SparkSession spark, DbUtils dbutils) {
        ReplBridge bridge = new ReplBridge(spark, dbutils);
        BRIDGES.put(contextId, bridge);
        return bridge;
    }

    static void unregister(String contextId) {
        BRIDGES.remove(contextId);
    }

    public static ReplBridge of(String contextId) {
        ReplBridge bridge = BRIDGES.get(contextId);
        if (bridge == null) {
            throw new IllegalStateException("Execution context " + contextId + " is gone");
        }
        return bridge;
    }

    public SparkSession spark() {
        return spark;
    }

    public DbUtils dbutils() {
        return dbutils;
    }

    /** Shows the rows of {@code data} as the command's table result (the last display of a command wins). */
    public void display(Dataset<?> data) {
        displayed = Results.table(data.toDF(), maxRows);
    }

    /** Starts a command: no table yet. */
    void begin(int commandMaxRows) {
        maxRows = commandMaxRows;
        displayed = null;
    }

    /** The table the command displayed, if any. */
    TableResult displayed() {
        return displayed;
    }
}
