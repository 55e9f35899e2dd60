package org.dialoghook.it.handlers;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** Counts how often it runs, optionally after a pause, and replies with the count and whether the delivery is new. */
@ApplicationScoped
@HandlerName("count")
public class CountingHandler implements WebhookHandler {

    private final AtomicInteger runs = new AtomicInteger();

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) throws InterruptedException {
        Thread.sleep(Long.parseLong(request.formValue("pauseMillis").orElse("0")));
        response.pushText("run " + runs.incrementAndGet()).setAttribute("firstDelivery", request.firstDelivery());
    }
}
