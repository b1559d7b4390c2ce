package org.brickworks.agent.languages;

import java.util.Optional;

import org.apache.spark.sql.SparkSession;
import org.brickworks.agent.dbutils.Widgets;
import org.brickworks.agent.execution.Results;
import org.brickworks.agent.protocol.CellCommand;
import org.brickworks.agent.protocol.CellInterpreter;
import org.brickworks.agent.protocol.Result;

/**
 * {@code sql} commands: Spark SQL on the context's session, results as tables; {@code ${name}} refers to a widget
 * ({@link WidgetReferences}).
 */
final class SqlInterpreter implements CellInterpreter {

    private final SparkSession session;
    private final Widgets widgets;

    SqlInterpreter(SparkSession session, Widgets widgets) {
        this.session = session;
        this.widgets = widgets;
    }

    @Override
    public Result execute(CellCommand command) {
        try {
            String sql = WidgetReferences.substitute(command.code(), name -> Optional.ofNullable(widgets.value(name)),
                    name -> session.conf().getOption(name).isDefined());
            return Results.table(session.sql(sql), command.maxRows());
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
