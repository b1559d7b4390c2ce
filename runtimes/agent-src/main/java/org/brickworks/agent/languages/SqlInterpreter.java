package org.brickworks.agent.languages;

import org.apache.spark.sql.SparkSession;
import org.brickworks.agent.execution.Results;
import org.brickworks.agent.protocol.CellCommand;
import org.brickworks.agent.protocol.CellInterpreter;
import org.brickworks.agent.protocol.Result;

/** {@code sql} commands: Spark SQL on the context's session, results as tables. */
final class SqlInterpreter implements CellInterpreter {

    private final SparkSession session;

    SqlInterpreter(SparkSession session) {
        this.session = session;
    }

    @Override
    public Result execute(CellCommand command) {
        try {
            return Results.table(session.sql(command.code()), command.maxRows());
        } catch (RuntimeException e) {
            return Results.error(e);
        }
    }

    @Override
    public void interrupt() {
        // Cancelling the command's job group stops its Spark jobs.
    }

    @Override
    public void close() {
        // The session belongs to the context.
    }
}
