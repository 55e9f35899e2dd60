package org.dialoghook.it.handlers;

import jakarta.ejb.Stateless;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** Claims the name "twin", as {@link TwinOneHandler} does: deploying both must fail. */
@Stateless
@HandlerName("twin")
public class TwinTwoHandler implements WebhookHandler {

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) {
        response.pushText("two");
    }
}
