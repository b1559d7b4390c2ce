package org.brickworks.rest.internal;

import org.brickworks.rest.api.RestContext;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletErrorPage;

import jakarta.servlet.Servlet;

/**
 * {@link JsonErrorPage}'s answers for errors that servlets of the Brickworks contexts raise without answering them
 * (a plugin servlet's {@code sendError}, an exception): an error page only, with no pattern, so that paths the
 * contexts' servlets do not serve still fall through to the default context.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect("(|" + RestContext.SELECT + RestContext.OPEN_SELECT + ")")
@HttpWhiteboardServletErrorPage(errorPage = { "4xx", "5xx" })
public class ContextErrorPage extends JsonErrorPage {
    private static final long serialVersionUID = 1L;
}
