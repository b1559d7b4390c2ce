package org.brickworks.shell.internal;

/**
 * Marker of a component whose public {@code @Descriptor} methods are {@code bw:} commands; the {@link CommandRegistrar}
 * publishes each as {@code bw:<dashed-name>} ({@code tokenCreate} becomes {@code bw:token-create}).
 */
public interface ShellCommands {
}
