package org.dialoghook.internal.http;

import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.logging.Level;

/**
 * The WAR's error page (see {@code web.xml}, and {@code web-fragment.xml} when the classes jar sits in a team's
 * WAR): answers an error the server raised before JAX-RS could (an
 * unparseable header, an exception in the container) with problem+json instead of the server's HTML page.
 */
@WebServlet(ContainerErrorServlet.PATH)
public class ContainerErrorServlet extends HttpServlet {

    /** Where {@code web.xml} sends errors. */
    public static final String PATH = "/dialoghook-error";

    private static final long serialVersionUID = 1L;

    @Inject
    transient ProblemResponder problems;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number && number >= 400 ? number : HttpServletResponse.SC_NOT_FOUND;
        Throwable cause = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        ProblemKind kind = status == HttpServletResponse.SC_BAD_REQUEST ? ProblemKind.CLIENT_ERROR : ProblemKind.forStatus(status);
        String detail = status >= 500
                ? "The server failed before the receiver could answer; the log has the details under this errorId."
                : "The server refused the request before the receiver could read it (status " + status + ").";
        if (status == HttpServletResponse.SC_BAD_REQUEST && hasMalformedContentType(request)) {
            status = HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE;
            kind = ProblemKind.UNSUPPORTED_MEDIA_TYPE;
            detail = "The Content-Type is malformed; send application/json.";
        }
        Problem problem = problems.record(kind, status, detail, "", status >= 500 ? Level.SEVERE : Level.INFO, cause,
                request);
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.getOutputStream().write(problems.toJson(problem));
    }

    private static boolean hasMalformedContentType(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null) {
            return false;
        }
        try {
            MediaType.valueOf(contentType);
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
