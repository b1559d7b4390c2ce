package org.brickworks.agent.protocol;

import java.nio.file.Path;

/** What a plugin's interpreter learns of the execution context it serves. */
public interface CellSession {

    /** The context's id. */
    String contextId();

    /** A folder of the context's own on the driver's host, deleted with the context. */
    Path workingDirectory();
}
