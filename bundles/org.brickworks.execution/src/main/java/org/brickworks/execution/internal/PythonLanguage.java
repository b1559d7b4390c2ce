package org.brickworks.execution.internal;

import org.brickworks.execution.api.CellLanguage;
import org.osgi.service.component.annotations.Component;

/**
 * The agent's built-in {@code python}: a CPython process per context; {@code spark} is a Spark Connect session where
 * PySpark is installed.
 */
@Component(property = CellLanguage.NAME_PROPERTY + "=python")
public class PythonLanguage implements CellLanguage {

    @Override
    public String description() {
        return "Python, a CPython process per context";
    }
}
