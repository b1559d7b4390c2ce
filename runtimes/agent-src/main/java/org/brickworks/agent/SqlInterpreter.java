package org.brickworks.agent;

import org.apache.spark.sql.SparkSession;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code sql} commands: Spark SQL on the context's session, results as tables. */
final class SqlInterpreter implements Interpreter {

    private final SparkSession session;

    SqlInterpreter(SparkSession session) {
        this.session = session;
    }

    @Override
    public ObjectNode execute(CommandRun run) {
        try {
            return Results.table(session.sql(run.code()), run.maxRows());
        } catch (RuntimeException e) {
            return Results.error(e);
        }
    }

    @Override
    public void close() {
        // The session belongs to the context.
    }
}
