package org.dialoghook.internal.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.dialoghook.internal.delivery.JsonSupport;
import org.dialoghook.internal.delivery.LogContext;
import org.dialoghook.internal.delivery.LogText;

/**
 * Turns a problem into its reply and its log line: one error id for both, the delivery id and handler name
 * on the line, a stack trace only for failures of the server side. Every exception mapper answers through it.
 */
@ApplicationScoped
public class ProblemResponder {

    private static final Logger LOG = Logger.getLogger(ProblemResponder.class.getName());

    @Inject
    JsonSupport json;

    /**
     * Logs a problem and builds its reply.
     *
     * @param kind the kind of problem
     * @param status the status to answer with
     * @param detail what went wrong, safe to show the sender
     * @param level the log level of the line
     * @param cause the exception whose stack trace the line carries, or {@code null} for none
     * @param request the request, for the delivery id and handler name
     * @return a response builder with the problem+json body, to which a mapper may add headers
     */
    public Response.ResponseBuilder answer(ProblemKind kind, int status, String detail, Level level, Throwable cause,
            HttpServletRequest request) {
        return answer(kind, status, detail, "", level, cause, request);
    }

    /**
     * Logs a problem, with a note for the log only, and builds its reply.
     *
     * @param kind the kind of problem
     * @param status the status to answer with
     * @param detail what went wrong, safe to show the sender
     * @param logNote what the log line adds to the detail and the reply does not show
     * @param level the log level of the line
     * @param cause the exception whose stack trace the line carries, or {@code null} for none
     * @param request the request, for the delivery id and handler name
     * @return a response builder with the problem+json body, to which a mapper may add headers
     */
    public Response.ResponseBuilder answer(ProblemKind kind, int status, String detail, String logNote, Level level,
            Throwable cause, HttpServletRequest request) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(toJson(record(kind, status, detail, logNote, level, cause, request)));
    }

    /**
     * Builds the reply for a problem that was logged already, under the given error id.
     *
     * @param kind the kind of problem
     * @param status the status to answer with
     * @param detail what went wrong, safe to show the sender
     * @param errorId the id of the log line about it
     * @return a response builder with the problem+json body
     */
    public Response.ResponseBuilder answerLogged(ProblemKind kind, int status, String detail, String errorId) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(toJson(new Problem(kind.type(), kind.title(), status, detail, errorId)));
    }

    /**
     * Logs a problem and returns it with a fresh error id.
     *
     * @param kind the kind of problem
     * @param status the status to answer with
     * @param detail what went wrong, safe to show the sender
     * @param logNote what the log line adds to the detail; empty for nothing
     * @param level the log level of the line
     * @param cause the exception whose stack trace the line carries, or {@code null} for none
     * @param request the request, for the delivery id and handler name
     * @return the problem to send
     */
    public Problem record(ProblemKind kind, int status, String detail, String logNote, Level level, Throwable cause,
            HttpServletRequest request) {
        String errorId = UUID.randomUUID().toString();
        if (LOG.isLoggable(level)) {
            LogRecord line = new LogRecord(level, "{0} delivery={1} handler={2} status={3} errorId={4}: {5}");
            line.setParameters(new Object[] {messageId(status), attribute(request, LogContext.DELIVERY_ID),
                    attribute(request, LogContext.HANDLER), String.valueOf(status), errorId, LogText.safe(detail) + logNote});
            line.setThrown(cause);
            line.setLoggerName(LOG.getName());
            LOG.log(line);
        }
        return new Problem(kind.type(), kind.title(), status, detail, errorId);
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

    private static String messageId(int status) {
        return "DH-" + status;
    }

    private static String attribute(HttpServletRequest request, String name) {
        Object value = request == null ? null : request.getAttribute(name);
        return LogText.safe(value == null ? null : value.toString());
    }
}
