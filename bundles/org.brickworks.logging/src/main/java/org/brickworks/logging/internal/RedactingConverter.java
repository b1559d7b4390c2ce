package org.brickworks.logging.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;

/**
 * The pattern word {@code %redact(...)}: what the patterns inside print, with credentials masked by {@link Redaction}.
 * Declared in the platform's {@code etc/logback.xml} and wrapped around the message, the stack trace and the thread
 * name, so that no credential reaches the log whoever wrote the line.
 */
public class RedactingConverter extends CompositeConverter<ILoggingEvent> {
    @Override
    protected String transform(ILoggingEvent event, String in) {
        return Redaction.redact(in);
    }
}
