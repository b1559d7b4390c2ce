package org.brickworks.execution.internal;

import org.brickworks.execution.api.CellLanguage;
import org.osgi.service.component.annotations.Component;

/** The agent's built-in {@code sql}: Spark SQL on the context's SparkSession, shared with its Scala commands. */
@Component(property = CellLanguage.NAME_PROPERTY + "=sql")
public class SqlLanguage implements CellLanguage {

    @Override
    public String description() {
        return "Spark SQL on the context's session";
    }
}
