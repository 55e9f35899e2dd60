package org.dialoghook.it.kit;

import jakarta.enterprise.context.ApplicationScoped;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** Takes three seconds, longer than the test deployment's one-second deadline. */
@ApplicationScoped
@HandlerName("slow")
public class SlowHandler implements WebhookHandler {

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) throws InterruptedException {
        Thread.sleep(3000);
        response.pushText("too late");
    }
}
