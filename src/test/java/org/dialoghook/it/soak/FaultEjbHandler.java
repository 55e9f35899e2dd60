package org.dialoghook.it.soak;

import jakarta.ejb.Stateless;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** A stateless EJB handler with a fallback block: its faults are answered 200 with a pointer to that block. */
@Stateless
@HandlerName(FaultEjbHandler.NAME)
public class FaultEjbHandler implements WebhookHandler {

    /** The handler name. */
    public static final String NAME = "soak-ejb";

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) throws InterruptedException {
        Fault.act(request, response);
    }
}
