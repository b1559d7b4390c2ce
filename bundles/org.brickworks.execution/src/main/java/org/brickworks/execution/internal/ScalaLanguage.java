package org.brickworks.execution.internal;

import org.brickworks.execution.api.CellLanguage;
import org.osgi.service.component.annotations.Component;

/**
 * The agent's built-in {@code scala}: a Scala REPL per context bound to {@code spark}, {@code sc}, {@code dbutils},
 * {@code display(df)}.
 */
@Component(property = CellLanguage.NAME_PROPERTY + "=scala")
public class ScalaLanguage implements CellLanguage {

    @Override
    public String description() {
        return "Scala, a REPL bound to spark, sc, dbutils and display";
    }
}
