package org.brickworks.agent.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * The agent's HTTP server (the JDK's): every request goes to one {@link AgentApi}, on a pool of daemon threads whose
 * context class loader is the given one (threads started from requests, such as execution contexts' workers, inherit
 * it).
 */
public final class AgentServer {

    private final HttpServer server;

    private AgentServer(HttpServer server) {
        this.server = server;
    }

    /** Binds {@code host:port} (0: any free port) and starts serving. */
    public static AgentServer start(String host, int port, AgentApi api, ClassLoader requestClassLoader)
            throws IOException {
        // The JDK server writes an answer's headers and body apart: without TCP_NODELAY, Nagle's algorithm and the
        // client's delayed ACK hold every answer back by tens of milliseconds.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "brickworks-http");
            thread.setDaemon(true);
            thread.setContextClassLoader(requestClassLoader);
            return thread;
        }));
        server.createContext("/", api);
        server.start();
        return new AgentServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops taking requests; those running get a second to finish. */
    public void stop() {
        server.stop(1);
    }
}
