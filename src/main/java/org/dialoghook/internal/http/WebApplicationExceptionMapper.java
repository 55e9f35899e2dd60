package org.dialoghook.internal.http;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.logging.Level;
import org.dialoghook.internal.auth.DeliveryRefusedException;

/**
 * Answers every JAX-RS exception, from the token filter or from the runtime itself (404, 405, 406, 415),
 * with problem+json, keeping the headers it carries ({@code WWW-Authenticate}, {@code Allow}). Only the
 * receiver's own refusals ({@link DeliveryRefusedException}) put their message in the detail: the runtime's
 * messages differ per server and may hold a vendor message id or the full request URL.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.ALLOW,
            HttpHeaders.RETRY_AFTER, "Connection");

    @Inject
    ProblemResponder problems;

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        ProblemKind kind = kind(status, original.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
        boolean serverSide = status >= 500 && status != 503;
        Response.ResponseBuilder reply = problems.answer(kind, status, detail(exception, kind, serverSide),
                level(status), serverSide ? exception : null, request);
        for (String header : KEPT_HEADERS) {
            List<Object> values = original.getHeaders().get(header);
            if (values != null) {
                values.forEach(value -> reply.header(header, value));
            }
        }
        return reply.build();
    }

    private static ProblemKind kind(int status, String challenge) {
        if (status == 401 && (challenge == null || !challenge.contains("error="))) {
            return ProblemKind.MISSING_TOKEN;
        }
        return ProblemKind.forStatus(status);
    }

    private static String detail(WebApplicationException exception, ProblemKind kind, boolean serverSide) {
        String message = exception.getMessage();
        boolean ownMessage = exception instanceof DeliveryRefusedException && message != null && !message.isBlank();
        if (serverSide || !ownMessage) {
            return switch (kind) {
                case NOT_FOUND -> "There is nothing at this path; deliveries go to POST /webhook or POST /webhook/{bot}.";
                case METHOD_NOT_ALLOWED -> "This method is not allowed here; deliveries are sent with POST.";
                case NOT_ACCEPTABLE -> "The receiver answers with application/json only.";
                case UNSUPPORTED_MEDIA_TYPE -> "The body must be application/json.";
                case INTERNAL_ERROR -> "The receiver failed; the log has the details under this errorId.";
                default -> "The request was refused with status " + exception.getResponse().getStatus() + ".";
            };
        }
        return message;
    }

    private static Level level(int status) {
        if (status >= 500) {
            return status == 503 ? Level.WARNING : Level.SEVERE;
        }
        return status == 401 ? Level.WARNING : Level.INFO;
    }
}
