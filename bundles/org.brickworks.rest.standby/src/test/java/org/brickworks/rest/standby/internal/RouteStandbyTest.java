package org.brickworks.rest.standby.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.RequestInfoDTO;
import org.osgi.service.servlet.runtime.dto.RuntimeDTO;
import org.osgi.service.servlet.runtime.dto.ServletDTO;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

import jakarta.servlet.ReadListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The standby in front of the whiteboard: what reaches the client while a route is swapped. */
class RouteStandbyTest {
    private static final String PATH = "/api/2.0/token/list";
    private static final String TOKENS = "/api/2.0/token/*";

    private final Whiteboard whiteboard = new Whiteboard();
    private final RouteStandby standby = new RouteStandby(fake(BundleContext.class, (proxy, m, args) -> null),
            whiteboard);
    private final Exchange exchange = new Exchange();
    private final List<String> dispatches = new ArrayList<>();

    @Test
    void whileNothingIsSwappedARequestIsDispatchedOnceAsItIs() throws Exception {
        standby.doFilter(exchange.request(), exchange.response(), (request, response) -> {
            dispatches.add("served");
            ((HttpServletResponse) response).setStatus(404);
            response.getOutputStream().write("{}".getBytes(StandardCharsets.UTF_8));
        });

        assertThat(dispatches).containsExactly("served");
        assertThat(exchange.status).isEqualTo(404);
        assertThat(exchange.body()).isEqualTo("{}");
    }

    @Test
    void aRequestThatMetAServletUnregisteredUnderItIsDispatchedAgainAndOnlyTheSecondAnswerIsSent()
            throws Exception {
        standby.doFilter(exchange.request(), exchange.response(), (request, response) -> {
            if (dispatches.isEmpty()) {
                dispatches.add("unregistered");
                request.setAttribute(RequestDispatcher.ERROR_EXCEPTION,
                        new ServletException(UnservedResponse.UNREGISTERED));
                ((HttpServletResponse) response).sendError(500);
                response.getOutputStream().write("<html>".getBytes(StandardCharsets.UTF_8));
            } else {
                dispatches.add("served");
                response.getOutputStream().write("{\"ok\": true}".getBytes(StandardCharsets.UTF_8));
            }
        });

        assertThat(dispatches).containsExactly("unregistered", "served");
        assertThat(exchange.status).isEqualTo(200);
        assertThat(exchange.body()).isEqualTo("{\"ok\": true}");
        assertThat(exchange.attributes).doesNotContainKey(RequestDispatcher.ERROR_EXCEPTION);
    }

    @Test
    void aRequestWaitsWhileItsRouteIsAwayAndGoesOnceItServesAgain() throws Exception {
        standby.event(new ServiceEvent(ServiceEvent.UNREGISTERING, servlet(TOKENS)), Map.of());
        whiteboard.servesAfter(3, TOKENS);

        standby.doFilter(exchange.request(), exchange.response(), (request, response) -> {
            dispatches.add("served by " + whiteboard.serving);
        });

        assertThat(dispatches).containsExactly("served by " + TOKENS);
        assertThat(whiteboard.asked.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aDefaultServlets404MetAtTheStartOfASwapIsDispatchedAgainOnceTheRouteServes() throws Exception {
        standby.doFilter(exchange.request(), exchange.response(), (request, response) -> {
            if (dispatches.isEmpty()) {
                // the route goes while the request is on its way: the default servlet answers it
                standby.event(new ServiceEvent(ServiceEvent.UNREGISTERING, servlet(TOKENS)), Map.of());
                whiteboard.servesAfter(2, TOKENS);
                dispatches.add("404");
                ((HttpServletResponse) response).setStatus(404);
            } else {
                dispatches.add("served by " + whiteboard.serving);
            }
        });

        assertThat(dispatches).containsExactly("404", "served by " + TOKENS);
        assertThat(exchange.status).isEqualTo(200);
    }

    @Test
    void aRequestWhoseBodyWasReadIsNeverDispatchedAgain() throws Exception {
        standby.doFilter(exchange.request(), exchange.response(), (request, response) -> {
            standby.event(new ServiceEvent(ServiceEvent.UNREGISTERING, servlet(TOKENS)), Map.of());
            request.getInputStream().readAllBytes();
            dispatches.add("404");
            ((HttpServletResponse) response).setStatus(404);
        });

        assertThat(dispatches).containsExactly("404");
        assertThat(exchange.status).isEqualTo(404);
    }

    /** What the whiteboard serves a path with: the default servlet, until it has been asked often enough. */
    private static final class Whiteboard implements HttpServiceRuntime {
        final AtomicInteger asked = new AtomicInteger();
        volatile String serving = "/";
        private volatile int servesAfter = Integer.MAX_VALUE;
        private volatile String route;

        void servesAfter(int askings, String pattern) {
            asked.set(0);
            servesAfter = askings;
            route = pattern;
        }

        @Override
        public RequestInfoDTO calculateRequestInfoDTO(String path) {
            if (asked.incrementAndGet() >= servesAfter) {
                serving = route;
            }
            RequestInfoDTO info = new RequestInfoDTO();
            info.path = path;
            info.servletDTO = new ServletDTO();
            info.servletDTO.patterns = new String[] { serving };
            return info;
        }

        @Override
        public RuntimeDTO getRuntimeDTO() {
            throw new UnsupportedOperationException();
        }
    }

    private static ServiceReference<?> servlet(String pattern) {
        Bundle bundle = fake(Bundle.class, (proxy, m, args) -> switch (m.getName()) {
        case "getBundleId" -> 42L;
        case "getState" -> Bundle.STOPPING;
        default -> throw new UnsupportedOperationException(m.getName());
        });
        Map<String, Object> properties = Map.of(Constants.OBJECTCLASS, new String[] { "jakarta.servlet.Servlet" },
                HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, pattern);
        return fake(ServiceReference.class, (proxy, m, args) -> switch (m.getName()) {
        case "getProperty" -> properties.get((String) args[0]);
        case "getBundle" -> bundle;
        default -> throw new UnsupportedOperationException(m.getName());
        });
    }

    /** A GET of {@link #PATH} and its answer, as small fakes of the servlet API. */
    private static final class Exchange {
        final Map<String, Object> attributes = new HashMap<>();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = 200;

        HttpServletRequest request() {
            return fake(HttpServletRequest.class, (proxy, m, args) -> switch (m.getName()) {
            case "getServletPath" -> PATH;
            case "getPathInfo" -> null;
            case "getAttribute" -> attributes.get((String) args[0]);
            case "setAttribute" -> attributes.put((String) args[0], args[1]);
            case "removeAttribute" -> attributes.remove((String) args[0]);
            case "getInputStream" -> new Input();
            default -> throw new UnsupportedOperationException("request." + m.getName());
            });
        }

        HttpServletResponse response() {
            return fake(HttpServletResponse.class, (proxy, m, args) -> switch (m.getName()) {
            case "setStatus", "sendError" -> status = (Integer) args[0];
            case "isCommitted" -> false;
            case "reset" -> {
                status = 200;
                out.reset();
                yield null;
            }
            case "getOutputStream" -> new Output(out);
            default -> throw new UnsupportedOperationException("response." + m.getName());
            });
        }

        String body() {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<?> type, java.lang.reflect.InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(RouteStandbyTest.class.getClassLoader(), new Class<?>[] { type },
                handler);
    }

    private static final class Input extends ServletInputStream {
        private final ByteArrayInputStream in = new ByteArrayInputStream(new byte[] { 1 });

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
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
        public void write(int b) throws IOException {
            out.write(b);
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
