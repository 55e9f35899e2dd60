package org.dialoghook.it.handlers;

import jakarta.enterprise.context.RequestScoped;
import java.util.concurrent.atomic.AtomicInteger;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** A request-scoped handler: a new instance per delivery, so its count is always 1. */
@RequestScoped
@HandlerName("request-scoped")
public class RequestScopedHandler implements WebhookHandler {

    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) {
        response.pushText("request-scoped").setAttribute("calls", calls.incrementAndGet());
    }
}
