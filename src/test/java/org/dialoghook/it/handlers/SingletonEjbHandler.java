package org.dialoghook.it.handlers;

import jakarta.ejb.Singleton;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** A singleton session bean handler. */
@Singleton
@HandlerName("singleton-ejb")
public class SingletonEjbHandler implements WebhookHandler {

    private int calls;

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) {
        calls++;
        response.pushText("singleton-ejb").setAttribute("calls", calls);
    }
}
