package org.dialoghook.it.kit;

import jakarta.enterprise.context.ApplicationScoped;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** Takes three seconds; its own setting gives it a fallback block. */
@ApplicationScoped
@HandlerName("slow-with-fallback")
public class SlowWithFallbackHandler implements WebhookHandler {

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) throws InterruptedException {
        Thread.sleep(3000);
        response.pushText("too late");
    }
}
