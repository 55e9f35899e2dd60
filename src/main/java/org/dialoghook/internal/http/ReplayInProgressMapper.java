package org.dialoghook.internal.http;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import org.dialoghook.internal.replay.ReplayInProgressException;

/** Answers a redelivery whose first run is still going after waiting for it with 409; nothing runs twice. */
@Provider
public class ReplayInProgressMapper implements ExceptionMapper<ReplayInProgressException> {

    @Inject
    ProblemResponder problems;

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(ReplayInProgressException exception) {
        return problems.answer(ProblemKind.DELIVERY_IN_PROGRESS, 409,
                "This delivery is still being handled; send it again later.", Level.WARNING, null, request).build();
    }
}
