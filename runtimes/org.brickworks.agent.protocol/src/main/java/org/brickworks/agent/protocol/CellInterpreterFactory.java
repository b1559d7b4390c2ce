package org.brickworks.agent.protocol;

/**
 * The SPI of a cell language that a plugin adds to drivers: a jar the language's bundle contributes (see
 * {@link LanguageJars}) lists its implementation in
 * {@code META-INF/services/org.brickworks.agent.protocol.CellInterpreterFactory}; the agent loads it with
 * {@link java.util.ServiceLoader} in a class loader of its own whose parent sees this package (and the JDK), and asks
 * it for one interpreter per context that runs its language. The language's name is lower case letters, digits and
 * dashes, and not one the driver runs already (built in: {@code sql}, {@code scala}, {@code python}, {@code r},
 * {@code fs}; or another listed jar's): the agent refuses a jar that breaks either rule.
 */
public interface CellInterpreterFactory {

    /** The language's name, as commands and notebooks' {@code %<name>} magics give it: lower case, e.g. {@code sh}. */
    String language();

    /** Starts the interpreter of one context; called on the context's worker thread at its first command. */
    CellInterpreter start(CellSession session) throws Exception;
}
