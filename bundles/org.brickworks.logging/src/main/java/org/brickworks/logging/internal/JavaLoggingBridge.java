package org.brickworks.logging.internal;

import org.slf4j.bridge.SLF4JBridgeHandler;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.LifeCycle;

/**
 * Sends java.util.logging (used by SPI Fly, JLine and a few libraries) to the platform log instead of its console
 * handler, which writes to {@code System.err}: once Gogo has started, that is whichever shell session the logging
 * thread belongs to. Declared as a {@code contextListener} in {@code etc/logback.xml}; JUL's own levels
 * ({@code etc/java-logging.properties}) still decide what is passed on.
 */
public class JavaLoggingBridge extends ContextAwareBase implements LoggerContextListener, LifeCycle {
    private volatile boolean started;

    @Override
    public void start() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        started = true;
    }

    @Override
    public void stop() {
        SLF4JBridgeHandler.uninstall();
        started = false;
    }

    @Override
    public boolean isStarted() {
        return started;
    }

    /** Kept through a reconfiguration: the bridge does not depend on the configuration. */
    @Override
    public boolean isResetResistant() {
        return true;
    }

    @Override
    public void onStart(LoggerContext context) {
        // installed by start(), which the configuration calls
    }

    @Override
    public void onReset(LoggerContext context) {
        // stays installed, see isResetResistant()
    }

    @Override
    public void onStop(LoggerContext context) {
        stop();
    }

    @Override
    public void onLevelChange(Logger logger, Level level) {
        // JUL keeps its own levels
    }
}
