package org.dialoghook.internal.http;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.dialoghook.internal.delivery.ProblemKind;

/**
 * Answers what the JAX-RS runtime itself refuses on Dialoghook's own paths (no such path 404, a method other than
 * POST 405, 406, 415) with problem+json, keeping the {@code Allow} header. The kind comes from the exception's
 * type; the runtime's messages, which differ per server and may hold a vendor message id or the request's URL,
 * are replaced with fixed details. Registered in {@link WebhookApplication} only, so it never answers for a team's
 * own resources.
 */
@Dependent
public class RuntimeProblemMapper implements ExceptionMapper<WebApplicationException> {

    @Inject
    ProblemResponder problems;

    @Override
    public Response toResponse(WebApplicationException exception) {
        ProblemKind kind = kind(exception);
        Problem problem = problems.record(kind, kind.statusFor(exception.getResponse().getStatus()), detail(kind), "",
                kind == ProblemKind.INTERNAL_ERROR ? exception : null, null, null);
        Response.ResponseBuilder reply = problems.response(problem);
        String allow = exception.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            reply.header(HttpHeaders.ALLOW, allow);
        }
        return reply.build();
    }

    private static ProblemKind kind(WebApplicationException exception) {
        if (exception instanceof NotFoundException) {
            return ProblemKind.NOT_FOUND;
        } else if (exception instanceof NotAllowedException) {
            return ProblemKind.METHOD_NOT_ALLOWED;
        } else if (exception instanceof NotAcceptableException) {
            return ProblemKind.NOT_ACCEPTABLE;
        } else if (exception instanceof NotSupportedException) {
            return ProblemKind.UNSUPPORTED_MEDIA_TYPE;
        }
        return exception.getResponse().getStatus() < 500 ? ProblemKind.CLIENT_ERROR : ProblemKind.INTERNAL_ERROR;
    }

    /**
     * The receiver's own detail for what the runtime or the server refused on its own.
     *
     * @param kind the kind of problem
     * @return the detail, the same on every server
     */
    static String detail(ProblemKind kind) {
        return switch (kind) {
            case NOT_FOUND -> "There is nothing at this path; deliveries go to POST /webhook or POST /webhook/{bot}.";
            case METHOD_NOT_ALLOWED -> "This method is not allowed here; deliveries are sent with POST.";
            case NOT_ACCEPTABLE -> "The receiver answers with application/json only.";
            case UNSUPPORTED_MEDIA_TYPE -> "The body must be application/json.";
            case CLIENT_ERROR -> "The request was refused before it reached the receiver.";
            default -> "The receiver failed; the log has the details under this errorId.";
        };
    }
}
