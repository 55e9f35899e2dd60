package org.dialoghook.it.kit;

import jakarta.ejb.Stateless;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** An EJB handler whose business exception reaches the replaced error handler. */
@Stateless
@HandlerName("order")
public class OrderHandler implements WebhookHandler {

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) {
        throw new OutOfStockException(request.formValue("item").orElse("that"));
    }
}
