package org.dialoghook.internal.http;

import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import org.dialoghook.internal.delivery.ProblemKind;

/**
 * The error page of the standalone {@code dialoghook.war} (declared in its {@code web.xml}, and nowhere else: in a
 * team's WAR the team's own error handling stays): answers an error the server raised outside the webhook's
 * JAX-RS application (no such path, an unparseable header, an exception in the container) with problem+json
 * instead of the server's HTML page. The server gives it a status only, so the kind is the one of that status.
 * It is the standalone WAR's default servlet as well: a request for any other path is answered 404, whatever
 * its method.
 */
public class ContainerErrorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ProblemResponder problems;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number && number >= 400 ? number : HttpServletResponse.SC_NOT_FOUND;
        Throwable cause = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        ProblemKind kind = kindOf(status);
        String detail = status >= 500
                ? "The server failed before the receiver could answer; the log has the details under this errorId."
                : "The server refused the request before the receiver could read it (status " + status + ").";
        if (kind == ProblemKind.NOT_FOUND || kind == ProblemKind.METHOD_NOT_ALLOWED) {
            detail = RuntimeProblemMapper.detail(kind);
        } else if (status == HttpServletResponse.SC_BAD_REQUEST && hasMalformedContentType(request)) {
            kind = ProblemKind.UNSUPPORTED_MEDIA_TYPE;
            detail = "The Content-Type is malformed; send application/json.";
        }
        Problem problem = problems.record(kind, kind.statusFor(status), detail, "",
                status >= 500 ? cause : null, null, null);
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(Problem.MEDIA_TYPE);
        response.getOutputStream().write(problems.toJson(problem));
    }

    private static ProblemKind kindOf(int status) {
        return switch (status) {
            case HttpServletResponse.SC_NOT_FOUND -> ProblemKind.NOT_FOUND;
            case HttpServletResponse.SC_METHOD_NOT_ALLOWED -> ProblemKind.METHOD_NOT_ALLOWED;
            case HttpServletResponse.SC_NOT_ACCEPTABLE -> ProblemKind.NOT_ACCEPTABLE;
            case HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE -> ProblemKind.BODY_TOO_LARGE;
            case HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE -> ProblemKind.UNSUPPORTED_MEDIA_TYPE;
            case HttpServletResponse.SC_SERVICE_UNAVAILABLE -> ProblemKind.NOT_CONFIGURED;
            default -> status >= 500 ? ProblemKind.INTERNAL_ERROR : ProblemKind.CLIENT_ERROR;
        };
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
