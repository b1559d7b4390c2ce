package org.brickworks.execution.internal;

import org.brickworks.execution.api.CellLanguage;
import org.osgi.service.component.annotations.Component;

/** The agent's built-in {@code r}: an R process per context where R is installed. */
@Component(property = CellLanguage.NAME_PROPERTY + "=r")
public class RLanguage implements CellLanguage {

    @Override
    public String description() {
        return "R, an R process per context";
    }
}
