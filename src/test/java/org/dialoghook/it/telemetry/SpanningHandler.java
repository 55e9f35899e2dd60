package org.dialoghook.it.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A handler that traces its own work with the server's {@code Tracer}, as a team's handler would, and within it
 * makes an outgoing call with the Jakarta REST client to the address {@code spanning.call-url} names (the test's
 * receiver on loopback).
 */
@ApplicationScoped
@HandlerName("spanning")
public class SpanningHandler implements WebhookHandler {

    /** The name of the handler's own span. */
    public static final String SPAN = "spanning.work";

    @Inject
    Tracer tracer;

    @Inject
    @ConfigProperty(name = "spanning.call-url")
    String callUrl;

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) {
        Span work = tracer.spanBuilder(SPAN).startSpan();
        try (Scope scope = work.makeCurrent()) {
            work.setAttribute("spanning.form-values", (long) request.formValues().size());
            Client client = ClientBuilder.newClient();
            try (Response called = client.target(callUrl).request().get()) {
                response.pushText("traced, the call answered " + called.getStatus());
            } finally {
                client.close();
            }
        } finally {
            work.end();
        }
    }
}
