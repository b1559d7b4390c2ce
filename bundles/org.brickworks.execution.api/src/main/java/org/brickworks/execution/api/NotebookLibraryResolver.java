package org.brickworks.execution.api;

import java.util.Optional;

import org.brickworks.execution.api.dto.NotebookLibraries;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: resolves a notebook-scoped library install written as a command ({@code %pip install ...} in a Python
 * command, {@code %mvn install ...} in a Scala one) into files on the platform's host. The command service asks every
 * registered resolver about each command that starts with {@code %}; the first that answers one wins, and its files
 * are added to that execution context only, as a command of the context (its result is
 * {@link NotebookLibraries#summary()} as text). Called on the thread of the execute request; resolving may take as
 * long as downloading takes.
 */
@ConsumerType
public interface NotebookLibraryResolver {

    /**
     * Resolves {@code command} when it is an install this resolver handles.
     *
     * @return the files to add, or empty when the command is not such an install (it then runs as any command)
     * @throws org.brickworks.core.api.BrickworksException
     *             when the command is such an install but cannot be done: the message (the resolver's or pip's reason)
     *             becomes the command's error result and nothing is added to the context
     */
    Optional<NotebookLibraries> resolve(String language, String command);
}
