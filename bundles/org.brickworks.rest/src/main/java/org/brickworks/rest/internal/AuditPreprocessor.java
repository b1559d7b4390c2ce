package org.brickworks.rest.internal;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.brickworks.audit.api.AuditEvent;
import org.brickworks.audit.api.AuditRecorder;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.Preprocessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Records every mutating HTTP call ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) of every servlet context
 * — Brickworks' own routes, plugins' routes and pages alike — and every refused sign-in ({@code 401}) in the
 * {@link org.brickworks.audit.api.AuditLog}: an HTTP Whiteboard preprocessor, so it sees requests before any context authenticates them and
 * the status they got. {@code /api/<version>/<service>/<action...>} gives the service and action names; the query
 * and a JSON body's fields (the first {@value #MAX_BODY} bytes) are the request's parameters, with the values of
 * secret-like fields (passwords, keys, SAS and OAuth settings, token and secret values) and of file contents
 * {@value #REDACTED}, at any depth, and long values cut.
 */
@Component(service = Preprocessor.class)
public class AuditPreprocessor implements Preprocessor {
    static final String REDACTED = "[REDACTED]";
    static final int MAX_BODY = 64 * 1024;
    private static final int MAX_ERROR_BODY = 4 * 1024;
    private static final int MAX_VALUE = 1_000;
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(password|secret|credential|private.?key|access.?key|account\\.key|connection.?string|sas"
                    + "|token_value|string_value"
                    + "|bytes_value|\\.oauth2\\.|api.?key).*|(?i)(token|value|content|contents|data)");
    private static final Pattern API = Pattern.compile("/api/\\d+\\.\\d+/(?:preview/)?([^/]+)/?(.*)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditRecorder audit;

    @Activate
    public AuditPreprocessor(BundleContext context) {
        audit = new AuditRecorder(context);
    }

    @Deactivate
    void deactivate() {
        audit.close();
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        if (!MUTATING.contains(request.getMethod())) {
            chain.doFilter(request, response);
            if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
                record(request, null, response.getStatus(), null);
            }
            return;
        }
        TeeRequest tee = new TeeRequest(request);
        ErrorCapture capture = new ErrorCapture(response);
        try {
            chain.doFilter(tee, capture);
        } finally {
            capture.flushWriter();
            record(request, tee.captured(), capture.getStatus(), capture.error());
        }
    }

    private void record(HttpServletRequest request, byte[] body, int status, String error) {
        String path = request.getRequestURI();
        Matcher api = API.matcher(path);
        String service = api.matches() ? api.group(1) : "web";
        String action = api.matches() ? api.group(2) : path;
        Object user = request.getAttribute(ServletContextHelper.REMOTE_USER);
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            service = "accounts";
            action = "tokenLogin";
        }
        AuditEvent event = new AuditEvent(System.currentTimeMillis(), service, action,
                user == null ? request.getRemoteUser() : user.toString(), params(request, body), status,
                status >= 400 ? error == null ? "HTTP " + status : error : null, request.getRemoteAddr(),
                request.getHeader("User-Agent"), UUID.randomUUID().toString());
        audit.record(event);
    }

    /** The query's parameters and a JSON body's fields, redacted and cut. */
    static Map<String, String> params(HttpServletRequest request, byte[] body) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                params.put(name, SECRET.matcher(name).matches() ? REDACTED : cut(value));
            }
        }
        if (body != null && body.length > 0 && body.length < MAX_BODY) {
            try {
                JsonNode json = JSON.readTree(body);
                if (json instanceof ObjectNode fields) {
                    Iterator<Map.Entry<String, JsonNode>> entries = redacted(fields).fields();
                    entries.forEachRemaining(e -> params.put(e.getKey(),
                            cut(e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString())));
                }
            } catch (IOException notJson) {
                params.put("body", "(" + body.length + " bytes, not JSON)");
            }
        } else if (body != null && body.length >= MAX_BODY) {
            params.put("body", "(more than " + MAX_BODY + " bytes)");
        }
        return params;
    }

    /** {@code node} with the values of secret-like fields, at any depth, replaced by {@value #REDACTED}. */
    static JsonNode redacted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JSON.createObjectNode();
            object.fields().forEachRemaining(e -> copy.set(e.getKey(),
                    SECRET.matcher(e.getKey()).matches() ? TextNode.valueOf(REDACTED) : redacted(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(redacted(element)));
            return copy;
        }
        return node;
    }

    private static String cut(String value) {
        return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE) + "...";
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** The request, keeping a copy of the first {@value #MAX_BODY} bytes of its body (and one more, to tell). */
    private static final class TeeRequest extends HttpServletRequestWrapper {
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        private ServletInputStream stream;

        TeeRequest(HttpServletRequest request) {
            super(request);
        }

        byte[] captured() {
            return copy.toByteArray();
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && copy.size() <= MAX_BODY) {
                            copy.write(b);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0 && copy.size() <= MAX_BODY) {
                            copy.write(buffer, offset, Math.min(n, MAX_BODY + 1 - copy.size()));
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }
    }

    /** The response, keeping the first bytes of its body: an error's message. */
    private static final class ErrorCapture extends HttpServletResponseWrapper {
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        private ServletOutputStream stream;
        private PrintWriter writer;

        ErrorCapture(HttpServletResponse response) {
            super(response);
        }

        /** Hands what the servlet wrote and did not flush to the response. */
        void flushWriter() {
            if (writer != null) {
                writer.flush();
            }
        }

        /** The {@code message} of an {@code {"error_code", "message"}} body; else null. */
        String error() {
            try {
                JsonNode body = JSON.readTree(copy.toByteArray());
                return body.hasNonNull("message") ? body.get("message").asText()
                        : body.hasNonNull("detail") ? body.get("detail").asText() : null;
            } catch (IOException notJson) {
                return null;
            }
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream out = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                        if (copy.size() < MAX_ERROR_BODY) {
                            copy.write(b);
                        }
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        out.write(bytes, offset, length);
                        if (copy.size() < MAX_ERROR_BODY) {
                            copy.write(bytes, offset, Math.min(length, MAX_ERROR_BODY - copy.size()));
                        }
                    }

                    @Override
                    public void flush() throws IOException {
                        out.flush();
                    }

                    @Override
                    public boolean isReady() {
                        return out.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        out.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                String encoding = getCharacterEncoding();
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(),
                        encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
            }
            return writer;
        }

        @Override
        public void flushBuffer() throws IOException {
            flushWriter();
            super.flushBuffer();
        }
    }
}
