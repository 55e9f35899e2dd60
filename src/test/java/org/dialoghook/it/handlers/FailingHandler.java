package org.dialoghook.it.handlers;

import jakarta.enterprise.context.ApplicationScoped;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** Always throws, with a message that must never reach the reply. */
@ApplicationScoped
@HandlerName("fail")
public class FailingHandler implements WebhookHandler {

    /** The message of the exception; tests check the reply does not contain it. */
    public static final String INTERNAL_MESSAGE = "database password rejected for user app";

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) {
        throw new IllegalStateException(INTERNAL_MESSAGE);
    }
}
