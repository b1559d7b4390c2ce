package org.brickworks.rest.standby.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.function.IntPredicate;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response that notices, by the status it is given, that its request was not served because of a swap: nothing of
 * that answer reaches the client, so that the request, its body still unread, can be dispatched again.
 */
final class UnservedResponse extends HttpServletResponseWrapper {
    /** The message of the exception Apache Felix HTTP raises for a servlet unregistered between pick and call. */
    static final String UNREGISTERED = "Servlet has been unregistered";

    private final IntPredicate unservedStatus;
    private boolean unserved;

    /** {@code unservedStatus}: whether a status, the first one set, says that the request was not served. */
    UnservedResponse(HttpServletResponse response, IntPredicate unservedStatus) {
        super(response);
        this.unservedStatus = unservedStatus;
    }

    /** Whether {@code request} met a servlet unregistered between the whiteboard's pick and its call. */
    static boolean metUnregistered(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof ServletException e
                && UNREGISTERED.equals(e.getMessage());
    }

    /** Whether the request was not served, and nothing of the answer to that was sent. */
    boolean unserved() {
        return unserved;
    }

    @Override
    public void setStatus(int status) {
        if (!notice(status)) {
            super.setStatus(status);
        }
    }

    @Override
    public void sendError(int status) throws IOException {
        if (!notice(status)) {
            super.sendError(status);
        }
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        if (!notice(status)) {
            super.sendError(status, message);
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        return unserved ? new Discarded() : super.getOutputStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        return unserved ? new PrintWriter(OutputStream.nullOutputStream()) : super.getWriter();
    }

    private boolean notice(int status) {
        unserved |= !isCommitted() && unservedStatus.test(status);
        return unserved;
    }

    /** Where the error page's answer to an unserved request goes. */
    private static final class Discarded extends ServletOutputStream {
        @Override
        public void write(int b) {
            // discarded: the request is dispatched again
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("An unserved answer is written nowhere");
        }
    }
}
