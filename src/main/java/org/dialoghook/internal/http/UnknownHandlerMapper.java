package org.dialoghook.internal.http;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.TreeSet;
import java.util.logging.Level;
import org.dialoghook.internal.dispatch.UnknownHandlerException;

/** Answers a delivery for a handler name nobody registered with 404; the log line lists the registered names. */
@Provider
public class UnknownHandlerMapper implements ExceptionMapper<UnknownHandlerException> {

    @Inject
    ProblemResponder problems;

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(UnknownHandlerException exception) {
        String registered = " Registered handlers: " + new TreeSet<>(exception.registeredNames());
        return problems.answer(ProblemKind.UNKNOWN_HANDLER, 404, exception.getMessage(), registered, Level.WARNING, null,
                request).build();
    }
}
