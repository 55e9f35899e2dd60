package org.dialoghook.it.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** A handler that traces its own work with the server's {@code Tracer}, as a team's handler would. */
@ApplicationScoped
@HandlerName("spanning")
public class SpanningHandler implements WebhookHandler {

    /** The name of the handler's own span. */
    public static final String SPAN = "spanning.work";

    @Inject
    Tracer tracer;

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) {
        Span work = tracer.spanBuilder(SPAN).startSpan();
        try (Scope scope = work.makeCurrent()) {
            work.setAttribute("spanning.form-values", (long) request.formValues().size());
            response.pushText("traced");
        } finally {
            work.end();
        }
    }
}
