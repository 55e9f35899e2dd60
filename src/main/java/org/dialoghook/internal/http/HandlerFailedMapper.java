package org.dialoghook.internal.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.dialoghook.internal.dispatch.HandlerFailedException;

/**
 * Answers a handler that failed (500) or missed its deadline (504) when no fallback reply was chosen; the
 * dispatcher has logged the failure under the error id the reply carries.
 */
@Provider
public class HandlerFailedMapper implements ExceptionMapper<HandlerFailedException> {

    @Inject
    ProblemResponder problems;

    @Override
    public Response toResponse(HandlerFailedException exception) {
        ProblemKind kind = exception.timedOut() ? ProblemKind.HANDLER_TIMED_OUT : ProblemKind.HANDLER_FAILED;
        return problems.answerLogged(kind, kind.status(), exception.getMessage()
                + " The log has the details under this errorId.", exception.errorId()).build();
    }
}
