package org.dialoghook.it.soak;

import jakarta.enterprise.context.ApplicationScoped;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** A CDI handler without a fallback block: its faults are answered 500 and 504. */
@ApplicationScoped
@HandlerName(FaultHandler.NAME)
public class FaultHandler implements WebhookHandler {

    /** The handler name. */
    public static final String NAME = "soak";

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) throws InterruptedException {
        Fault.act(request, response);
    }
}
