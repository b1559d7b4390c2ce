package org.brickworks.examples.sh.driver;

import org.brickworks.agent.protocol.CellInterpreter;
import org.brickworks.agent.protocol.CellInterpreterFactory;
import org.brickworks.agent.protocol.CellSession;

/** The language {@code sh} on drivers: one {@link ShellInterpreter} per execution context. */
public final class ShellInterpreterFactory implements CellInterpreterFactory {

    @Override
    public String language() {
        return "sh";
    }

    @Override
    public CellInterpreter start(CellSession session) {
        return new ShellInterpreter(session.workingDirectory());
    }
}
