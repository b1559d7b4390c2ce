package org.brickworks.rest.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.brickworks.rest.api.ApiDispatcher;
import org.brickworks.rest.api.RestCaller;
import org.brickworks.security.api.dto.User;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.ReadListener;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One HTTP request to a servlet, without a server: the servlet API's request and response as small fakes (what the
 * REST layer reads and writes of them, nothing more), and what the servlet answered.
 */
final class HttpCall {
    /** The body limit of {@link #as} and {@link #open}: what an inline DBFS put of 1 MB needs. */
    static final long LIMIT = 2 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String method;
    private final String path;
    private final String query;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, Object> attributes = new HashMap<>();
    private byte[] body = new byte[0];
    private int status = 200;
    private String contentType;
    private final Map<String, String> answerHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final ByteArrayOutputStream answer = new ByteArrayOutputStream();

    private HttpCall(String method, String uri) {
        this.method = method;
        int question = uri.indexOf('?');
        this.path = question < 0 ? uri : uri.substring(0, question);
        this.query = question < 0 ? null : uri.substring(question + 1);
    }

    static HttpCall get(String uri) {
        return new HttpCall("GET", uri);
    }

    static HttpCall post(String uri, String json) {
        return new HttpCall("POST", uri).body(json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    HttpCall body(byte[] bytes, String type) {
        body = bytes;
        headers.put("Content-Type", type);
        return this;
    }

    HttpCall header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** As the {@code brickworks} context passes it on: authenticated as {@code caller}, with a dispatcher. */
    HttpCall as(User caller) {
        attributes.put(RestCaller.ATTRIBUTE, caller);
        return open();
    }

    /** As the {@code brickworks.open} context passes it on: with a dispatcher. */
    HttpCall open() {
        attributes.put(ApiDispatcher.ATTRIBUTE, new RestDispatcher(new ApiJson(), LIMIT));
        return this;
    }

    HttpCall run(Servlet servlet) {
        try {
            servlet.service(request(), response());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    int status() {
        return status;
    }

    JsonNode json() {
        try {
            return JSON.readTree(answer.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] bytes() {
        return answer.toByteArray();
    }

    String contentType() {
        return contentType;
    }

    String answerHeader(String name) {
        return answerHeaders.get(name);
    }

    Object attribute(String name) {
        return attributes.get(name);
    }

    HttpServletRequest request() {
        InputStream in = new ByteArrayInputStream(body);
        return fake(HttpServletRequest.class, (proxy, m, args) -> switch (m.getName()) {
        case "getMethod" -> method;
        case "getRequestURI" -> path;
        case "getContextPath" -> "";
        case "getQueryString" -> query;
        case "getParameterMap" -> parameters();
        case "getHeader" -> headers.get((String) args[0]);
        case "getContentType" -> headers.get("Content-Type");
        case "getInputStream" -> new Input(in);
        case "getAttribute" -> attributes.get((String) args[0]);
        case "setAttribute" -> attributes.put((String) args[0], args[1]);
        default -> throw new UnsupportedOperationException("request." + m.getName());
        });
    }

    HttpServletResponse response() {
        return fake(HttpServletResponse.class, (proxy, m, args) -> switch (m.getName()) {
        case "setStatus" -> status = (Integer) args[0];
        case "getStatus" -> status;
        case "sendError" -> status = (Integer) args[0];
        case "setContentType" -> contentType = (String) args[0];
        case "setHeader" -> answerHeaders.put((String) args[0], (String) args[1]);
        case "setCharacterEncoding", "setContentLength", "setContentLengthLong" -> null;
        case "isCommitted" -> false;
        case "resetBuffer" -> {
            answer.reset();
            yield null;
        }
        case "getOutputStream" -> new Output(answer);
        default -> throw new UnsupportedOperationException("response." + m.getName());
        });
    }

    private Map<String, String[]> parameters() {
        Map<String, String[]> parameters = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] nameValue = pair.split("=", 2);
                parameters.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8), new String[] {
                        nameValue.length < 2 ? "" : URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) });
            }
        }
        return parameters;
    }

    private static <T> T fake(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(HttpCall.class.getClassLoader(), new Class<?>[] { type }, handler));
    }

    private static final class Input extends ServletInputStream {
        private final InputStream in;

        Input(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            return false;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class Output extends ServletOutputStream {
        private final ByteArrayOutputStream out;

        Output(ByteArrayOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            out.write(bytes, offset, length);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
