/**
 * Adding REST endpoints to Brickworks. Two servlet contexts of the OSGi Servlet Whiteboard serve the API at
 * {@code /}: {@link RestContext#NAME} authenticates every request with a personal access token and sets its caller
 * ({@link RestCaller}), {@link RestContext#OPEN_NAME} authenticates nothing. A plain {@code jakarta.servlet.Servlet}
 * service selecting one of them is an endpoint. {@link ApiServlet} is a thin typed layer on top for endpoints in
 * Databricks' style: routes bound to records, answers serialised from records, errors as
 * {@code {"error_code", "message"}}, body limits.
 */
@Export
@Version("1.0.0")
package org.brickworks.rest.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
