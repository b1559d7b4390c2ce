package org.brickworks.agent.execution;

/**
 * An interpreter that compiles against the context's jars as they were when it started (a compiler keeps the classes
 * it has read and cannot take a new version): a notebook-scoped install of new jars closes it, and the next command in
 * its language starts one that sees them.
 */
public interface RestartsOnNewJars {
}
