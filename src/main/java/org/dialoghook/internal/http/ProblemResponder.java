package org.dialoghook.internal.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.dialoghook.internal.delivery.DeliveryRefusedException;
import org.dialoghook.internal.delivery.JsonSupport;
import org.dialoghook.internal.delivery.LogText;
import org.dialoghook.internal.delivery.ProblemKind;

/**
 * Turns a problem into its log line and its reply: one error id for both, the delivery id and handler name on
 * the line, a stack trace only for failures of the server side, and the headers the problem's kind calls for
 * ({@code WWW-Authenticate} on a 401, {@code Connection: close} on a 413). Everything that answers with a
 * problem answers through it.
 */
@ApplicationScoped
public class ProblemResponder {

    private static final Logger LOG = Logger.getLogger(ProblemResponder.class.getName());
    private static final String MISSING_CHALLENGE = "Bearer";
    private static final String INVALID_CHALLENGE = "Bearer error=\"invalid_token\"";

    @Inject
    JsonSupport json;

    /**
     * Logs a refused delivery and builds its reply.
     *
     * @param refused the refusal
     * @return the problem+json reply, to which a caller may add headers
     */
    public Response.ResponseBuilder refusal(DeliveryRefusedException refused) {
        return response(record(refused.kind(), refused.getMessage(), "", null, refused.deliveryId(),
                refused.handlerName()));
    }

    /**
     * Logs a problem and returns it with a fresh error id.
     *
     * @param kind the kind of problem, which sets the status and the log level
     * @param detail what went wrong, safe to show the sender
     * @param logNote what the log line adds to the detail and the reply does not show; empty for nothing
     * @param cause the exception whose stack trace the line carries, or {@code null} for none
     * @param deliveryId the log-safe delivery id, or {@code null} when not known
     * @param handlerName the handler name the delivery asked for, or {@code null} when not known
     * @return the problem to send
     */
    public Problem record(ProblemKind kind, String detail, String logNote, Throwable cause, String deliveryId,
            String handlerName) {
        return record(kind, kind.status(), detail, logNote, cause, deliveryId, handlerName);
    }

    /**
     * Logs a problem answered with a status of the server's choosing, and returns it with a fresh error id.
     *
     * @param kind the kind of problem, which sets the log level
     * @param status the HTTP status
     * @param detail what went wrong, safe to show the sender
     * @param logNote what the log line adds to the detail and the reply does not show; empty for nothing
     * @param cause the exception whose stack trace the line carries, or {@code null} for none
     * @param deliveryId the log-safe delivery id, or {@code null} when not known
     * @param handlerName the handler name the delivery asked for, or {@code null} when not known
     * @return the problem to send
     */
    public Problem record(ProblemKind kind, int status, String detail, String logNote, Throwable cause,
            String deliveryId, String handlerName) {
        String errorId = UUID.randomUUID().toString();
        if (LOG.isLoggable(kind.level())) {
            LogRecord line = new LogRecord(kind.level(), "{0} delivery={1} handler={2} status={3} errorId={4}: {5}");
            line.setParameters(new Object[] {"DH-" + status, LogText.safe(deliveryId), LogText.safe(handlerName),
                String.valueOf(status), errorId, LogText.safe(detail) + logNote});
            line.setThrown(cause);
            line.setLoggerName(LOG.getName());
            LOG.log(line);
        }
        return new Problem(kind, status, detail, errorId);
    }

    /**
     * The reply for a problem, with the headers its kind calls for.
     *
     * @param problem the problem
     * @return the problem+json reply, to which a caller may add headers
     */
    public Response.ResponseBuilder response(Problem problem) {
        Response.ResponseBuilder reply = Response.status(problem.getStatus()).type(Problem.MEDIA_TYPE).entity(toJson(problem));
        switch (problem.kind()) {
            case MISSING_TOKEN -> reply.header(HttpHeaders.WWW_AUTHENTICATE, MISSING_CHALLENGE);
            case INVALID_TOKEN -> reply.header(HttpHeaders.WWW_AUTHENTICATE, INVALID_CHALLENGE);
            case BODY_TOO_LARGE -> reply.header("Connection", "close");
            default -> {
                // no header of its own
            }
        }
        return reply;
    }

    /**
     * A problem as UTF-8 JSON.
     *
     * @param problem the problem
     * @return the body to send
     */
    public byte[] toJson(Problem problem) {
        return json.jsonb().toJson(problem).getBytes(StandardCharsets.UTF_8);
    }
}
