package org.dialoghook.it.handlers;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** An application-scoped handler: one instance, so its count goes up across deliveries. */
@ApplicationScoped
@HandlerName("app-scoped")
public class AppScopedHandler implements WebhookHandler {

    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) {
        response.pushText("app-scoped").setAttribute("calls", calls.incrementAndGet());
    }
}
