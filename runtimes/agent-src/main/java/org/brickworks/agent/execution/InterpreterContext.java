package org.brickworks.agent.execution;

import org.apache.spark.sql.SparkSession;
import org.brickworks.agent.dbutils.DbUtils;
import org.brickworks.agent.libraries.ContextLibraries;
import org.brickworks.agent.protocol.CellSession;

/**
 * What the built-in interpreters of an execution context use of it, beyond what a plugin's sees
 * ({@link CellSession}: its id and working directory).
 */
public interface InterpreterContext extends CellSession {

    /** The context's own SparkSession (its temporary views and SQL conf). */
    SparkSession session();

    /** The context's {@code dbutils}, shared by its languages. */
    DbUtils dbutils();

    /** The context's notebook-scoped libraries in front of the cluster's. */
    ContextLibraries libraries();

    /**
     * Where the tasks of the context's commands find classes its cells defined (a Scala REPL's loader), or null to
     * forget them; see {@link ReplClassRouter}.
     */
    void cellClassLoader(ClassLoader loader);
}
