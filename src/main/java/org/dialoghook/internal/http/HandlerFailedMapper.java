package org.dialoghook.internal.http;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import org.dialoghook.internal.dispatch.HandlerFailedException;

/** Answers a handler's exception with 500; the stack trace goes to the log under the reply's error id only. */
@Provider
public class HandlerFailedMapper implements ExceptionMapper<HandlerFailedException> {

    @Inject
    ProblemResponder problems;

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(HandlerFailedException exception) {
        return problems.answer(ProblemKind.HANDLER_FAILED, 500, exception.getMessage()
                + " The log has the details under this errorId.", Level.SEVERE, exception.getCause(), request).build();
    }
}
