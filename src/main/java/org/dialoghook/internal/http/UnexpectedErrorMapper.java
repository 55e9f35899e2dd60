package org.dialoghook.internal.http;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.dialoghook.internal.delivery.ProblemKind;

/**
 * Answers anything else that escapes on Dialoghook's own paths with 500 problem+json; the stack trace goes to the
 * log only. Registered in {@link WebhookApplication} only, so it never answers for a team's own resources.
 */
@Dependent
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    @Inject
    ProblemResponder problems;

    @Override
    public Response toResponse(Throwable exception) {
        return problems.response(problems.record(ProblemKind.INTERNAL_ERROR,
                "The receiver failed; the log has the details under this errorId.", "", exception, null, null)).build();
    }
}
