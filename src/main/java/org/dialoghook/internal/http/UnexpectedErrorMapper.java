package org.dialoghook.internal.http;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;

/** Answers anything no other mapper knows with 500 problem+json; the stack trace goes to the log only. */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    @Inject
    ProblemResponder problems;

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Throwable exception) {
        return problems.answer(ProblemKind.INTERNAL_ERROR, 500,
                "The receiver failed; the log has the details under this errorId.", Level.SEVERE, exception, request)
                .build();
    }
}
