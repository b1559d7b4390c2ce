package org.brickworks.rest.api;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A servlet of typed routes in Databricks' style. A subclass declares its {@link #routes()} and is registered as a
 * {@code jakarta.servlet.Servlet} service in a Brickworks context, with a pattern for each version prefix its clients
 * use:
 *
 * <pre>
 * &#64;Component(service = Servlet.class)
 * &#64;HttpWhiteboardContextSelect(RestContext.SELECT)
 * &#64;HttpWhiteboardServletPattern({ "/api/2.0/acme/*", "/api/2.1/acme/*" })
 * public class AcmeResource extends ApiServlet {
 *     record Greet(String name) {
 *         Greet {
 *             ApiParams.required(name, "name");
 *         }
 *     }
 *
 *     record Greeting(String text, String userName) {
 *     }
 *
 *     protected List&lt;Route&lt;?&gt;&gt; routes() {
 *         return List.of(Route.post("acme/greet", Greet.class,
 *                 call -&gt; new Greeting("Hello " + call.params().name(), call.caller().userName())));
 *     }
 * }
 * </pre>
 *
 * {@code POST /api/2.0/acme/greet {"name": "ada"}} then answers {@code {"text": "Hello ada", "user_name": "admin"}}.
 * The context's {@link ApiDispatcher} does the work; outside the Brickworks contexts this servlet answers 500.
 */
public abstract class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private transient volatile List<Route<?>> routes;

    /** This servlet's routes, asked once. */
    protected abstract List<Route<?>> routes();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!(request.getAttribute(ApiDispatcher.ATTRIBUTE) instanceof ApiDispatcher dispatcher)) {
            response.sendError(500, getClass().getName() + " serves in the servlet contexts " + RestContext.NAME
                    + " and " + RestContext.OPEN_NAME + " only");
            return;
        }
        List<Route<?>> table = routes;
        if (table == null) {
            table = List.copyOf(routes());
            routes = table;
        }
        dispatcher.dispatch(table, request, response);
    }
}
