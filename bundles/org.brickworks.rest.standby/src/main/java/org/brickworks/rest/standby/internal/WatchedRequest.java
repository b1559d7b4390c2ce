package org.brickworks.rest.standby.internal;

import java.io.BufferedReader;
import java.io.IOException;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/** A request that knows whether its body was opened: one whose body is untouched can be dispatched again. */
final class WatchedRequest extends HttpServletRequestWrapper {
    private volatile boolean bodyOpened;

    WatchedRequest(HttpServletRequest request) {
        super(request);
    }

    boolean bodyOpened() {
        return bodyOpened;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        bodyOpened = true;
        return super.getInputStream();
    }

    @Override
    public BufferedReader getReader() throws IOException {
        bodyOpened = true;
        return super.getReader();
    }
}
