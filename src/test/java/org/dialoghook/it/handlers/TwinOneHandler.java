package org.dialoghook.it.handlers;

import jakarta.enterprise.context.ApplicationScoped;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** Claims the name "twin", as {@link TwinTwoHandler} does: deploying both must fail. */
@ApplicationScoped
@HandlerName("twin")
public class TwinOneHandler implements WebhookHandler {

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) {
        response.pushText("one");
    }
}
