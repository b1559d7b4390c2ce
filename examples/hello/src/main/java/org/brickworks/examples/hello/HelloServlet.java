package org.brickworks.examples.hello;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/2.0/hello/greet?name=...}: a plain servlet on the Servlet Whiteboard, in Brickworks' servlet context
 * {@code brickworks}, which authenticates every request before it gets here (401 without a valid token) and gives the
 * caller's user name as the request's remote user.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/2.0/hello/*",
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=brickworks)" })
public class HelloServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/greet".equals(request.getPathInfo())) {
            response.setContentType("application/json");
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.getWriter().write("{\"error_code\":\"ENDPOINT_NOT_FOUND\",\"message\":\"No API found for "
                    + json(request.getRequestURI()) + "\"}");
            return;
        }
        String name = request.getParameter("name");
        response.setContentType("application/json");
        response.getWriter().write("{\"greeting\":\"" + json(Greetings.greet(name)) + "\",\"caller\":\""
                + json(request.getRemoteUser()) + "\"}");
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : String.valueOf(text).toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
